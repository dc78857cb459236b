"""A remote account follows, is accepted with a signed Accept, and unfollows; requests
that are unsigned, forged, stale, replayed, tampered with or from a blocked domain are
refused and leave nothing behind."""

import email.utils
import json
import time

import pytest

from fediverse.models import BlockedDomain, Follower
from tests.servers import Reply

from .conftest import follow
from .peer import Peer

pytestmark = pytest.mark.live


def test_a_follow_is_stored_and_answered_with_a_signed_accept(hub_site, peer):
    sent = follow(peer, hub_site)
    follower = Follower.objects.get()
    assert (follower.actor, follower.actor_url) == (hub_site.hub, peer.actor_id)
    assert follower.inbox_url == peer.shared_inbox  # where Mastodon wants deliveries
    accept = peer.posted()[-1]
    assert accept.path == "/inbox"
    hub_id = f"{hub_site.base}/ap/actors/updates"
    assert Peer.verified_by(accept, hub_site.hub.public_key, owner=hub_id)
    document = json.loads(accept.body)
    assert document["type"] == "Accept"
    assert document["actor"] == hub_id
    assert document["object"]["id"] == sent["id"]
    assert accept.headers["Content-Type"] == "application/activity+json"

    undo = {"id": f"{sent['id']}/undo", "type": "Undo", "actor": peer.actor_id, "object": sent}
    assert peer.post(f"{hub_site.base}/ap/inbox", undo).status_code == 202
    assert not Follower.objects.exists()


def test_a_remote_account_deleted_takes_its_follows_with_it(hub_site, peer):
    follow(peer, hub_site)
    gone = {"id": f"{peer.actor_id}#delete", "type": "Delete", "actor": peer.actor_id,
            "object": peer.actor_id}  # fmt: skip
    assert peer.post(f"{hub_site.base}/ap/inbox", gone).status_code == 202
    assert not Follower.objects.exists()


def test_refused_requests_leave_nothing_behind(hub_site, peer):
    inbox = f"{hub_site.base}/ap/actors/updates/inbox"
    document = {"id": f"{peer.actor_id}#follow", "type": "Follow", "actor": peer.actor_id,
                "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip
    other_key = Peer("mallory").private_key
    stale = email.utils.formatdate(time.time() - 3600, usegmt=True)
    refused = {
        "unsigned": peer.post(inbox, document, signed=False),
        "forged": peer.post(inbox, document, private_key=other_key),
        "stale": peer.post(inbox, document, date=stale),
        "tampered": peer.post(inbox, document, body=json.dumps({**document, "id": "x"}).encode()),
    }
    for name, response in refused.items():
        assert response.status_code == 401, name
        assert response.json()["error"], name
    assert not Follower.objects.exists()
    assert peer.posted() == []  # no Accept for any of them

    now = email.utils.formatdate(usegmt=True)
    assert peer.post(inbox, document, date=now).status_code == 202
    replayed = peer.post(inbox, document, date=now)  # the very same signed request again
    assert replayed.status_code == 401 and "before" in replayed.json()["error"]

    Follower.objects.all().delete()
    BlockedDomain.objects.create(domain="127.0.0.1")
    blocked = peer.post(inbox, {**document, "id": document["id"] + "2"})
    assert blocked.status_code == 403
    assert not Follower.objects.exists()


def test_blocking_a_domain_removes_its_followers(hub_site, peer):
    follow(peer, hub_site)
    BlockedDomain.objects.create(domain="127.0.0.1")
    assert not Follower.objects.exists()


def test_a_signing_key_on_a_private_address_is_never_fetched(hub_site, peer, settings):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False  # the river's guard, as in production
    document = {"id": f"{peer.actor_id}#follow", "type": "Follow", "actor": peer.actor_id,
                "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip
    response = peer.post(f"{hub_site.base}/ap/inbox", document)
    assert response.status_code == 401
    assert "not a public address" in response.json()["error"]
    assert peer.server.received == []  # the key was never asked for
    assert not Follower.objects.exists()


def test_a_key_that_cannot_be_had_is_not_asked_for_again_for_minutes(hub_site, peer):
    peer.server.routes[f"/users/{peer.username}"] = Reply(503)  # its server is struggling
    document = {"id": f"{peer.actor_id}#follow", "type": "Follow", "actor": peer.actor_id,
                "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip
    for attempt in range(3):
        response = peer.post(f"{hub_site.base}/ap/inbox", {**document, "id": f"#{attempt}"})
        assert response.status_code == 401 and "HTTP 503" in response.json()["error"]
    assert [r.method for r in peer.server.received if r.method == "GET"] == ["GET"]
    assert not Follower.objects.exists()


def test_a_flood_of_bad_signatures_refetches_a_key_at_most_once(hub_site, peer):
    """A kept key that does not match is fetched again (a rotated key), but not once per
    request: bad signatures naming a real server would make us hammer it."""
    follow(peer, hub_site)  # the key is fetched and kept
    fetched = sum(r.method == "GET" for r in peer.server.received)
    wrong_key = Peer("mallory").private_key
    for n in range(3):
        forged = {"id": f"{peer.actor_id}#like-{n}", "type": "Like", "actor": peer.actor_id,
                  "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip
        response = peer.post(f"{hub_site.base}/ap/inbox", forged, private_key=wrong_key)
        assert response.status_code == 401
    assert sum(r.method == "GET" for r in peer.server.received) == fetched + 1


def test_a_request_addressed_to_another_host_is_refused(hub_site, peer):
    """The signature covers the Host: a request signed for another server (replayed
    here) is not ours to take."""
    import requests

    document = {"id": f"{peer.actor_id}#follow", "type": "Follow", "actor": peer.actor_id,
                "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip
    signed_for_elsewhere = peer.post(f"{hub_site.base}/ap/inbox", document)
    assert signed_for_elsewhere.status_code == 202
    request = signed_for_elsewhere.request
    response = requests.post(
        request.url, data=request.body,
        headers={**request.headers, "Host": "mastodon.example"}, timeout=20,
    )  # fmt: skip
    assert response.status_code == 401
    assert "another host" in response.json()["error"]
