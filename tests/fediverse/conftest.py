import types

import pytest

from fediverse.keys import new_key_pair
from fediverse.models import Actor
from tests.factories import build_site

from .peer import Peer


@pytest.fixture(scope="session")
def hub_keys() -> tuple[str, str]:
    """One key pair for the hub's account in every test (made once: half a second each)."""
    return new_key_pair()


@pytest.fixture
def hub_site(live_server, settings, hub_keys):
    """This site served live (the peer fetches our documents over HTTP), with the hub's
    account, and partner servers on loopback allowed (the address guard refuses them
    otherwise: a test says so)."""
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 5
    port = int(live_server.url.rsplit(":", 1)[1])
    home, index = build_site(hostname="localhost", port=port)
    private, public = hub_keys
    hub = Actor.objects.create(username="updates", private_key=private, public_key=public)
    return types.SimpleNamespace(base=live_server.url, home=home, index=index, hub=hub,
                                 host=f"localhost:{port}")  # fmt: skip


@pytest.fixture
def peer():
    with Peer() as server:
        yield server


def follow(peer: Peer, hub_site, username: str = "updates") -> dict:
    """The peer follows one of our accounts; the Follow it sent."""
    actor = f"{hub_site.base}/ap/actors/{username}"
    document = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{peer.actor_id}#follows/{username}",
        "type": "Follow",
        "actor": peer.actor_id,
        "object": actor,
    }
    response = peer.post(f"{actor}/inbox", document)
    assert response.status_code == 202, response.text
    return document
