"""What a hostile or broken server cannot do: sign with an algorithm of its choosing,
pass off another server's accounts through a redirect, break deliveries with an address
no server could take, or receive anything once blocked; and an account deleted on its
server (its key gone with it) takes its follows with it."""

import base64
import email.utils
import hashlib
import hmac
import json
from urllib.parse import urlsplit

from django.core.cache import cache
from django.utils import timezone

import pytest
from bovine.crypto.helper import content_digest_sha256

from fediverse.delivery import deliver_due
from fediverse.models import Activity, BlockedDomain, Delivery, Follower
from tests.servers import Reply

from .conftest import follow
from .peer import Peer

pytestmark = pytest.mark.live


def follow_document(peer: Peer, hub_site) -> dict:
    return {"id": f"{peer.actor_id}#follow", "type": "Follow", "actor": peer.actor_id,
            "object": f"{hub_site.base}/ap/actors/updates"}  # fmt: skip


def test_a_signature_cannot_choose_its_algorithm(hub_site, peer):
    """An HMAC keyed with the account's public key (anyone can compute it), claimed
    outright or smuggled into the header behind an escaped quote, is refused."""
    import requests

    inbox = f"{hub_site.base}/ap/inbox"
    body = json.dumps(follow_document(peer, hub_site)).encode()
    headers = {"Content-Type": "application/activity+json",
               "Date": email.utils.formatdate(usegmt=True),
               "Digest": content_digest_sha256(body, prefix="SHA-256")}  # fmt: skip
    parts = urlsplit(inbox)
    message = "\n".join([
        f"(request-target): post {parts.path}", f"host: {parts.netloc}",
        f"date: {headers['Date']}", f"digest: {headers['Digest']}",
        f"content-type: {headers['Content-Type']}",
    ]).encode()  # fmt: skip
    forged = base64.b64encode(
        hmac.new(peer.public_key.encode(), message, hashlib.sha256).digest()
    ).decode()
    covered = "(request-target) host date digest content-type"
    for header in (
        f'keyId="{peer.key_id}",algorithm="hmac-sha256",headers="{covered}",signature="{forged}"',
        f'keyId="{peer.key_id}",algorithm="rsa-sha256",headers="{covered}",'
        f'signature="{forged}\\",algorithm=\\"hmac-sha256"',
    ):
        response = requests.post(inbox, data=body, headers={**headers, "Signature": header},
                                 timeout=20)  # fmt: skip
        assert response.status_code == 401, header
    assert not Follower.objects.exists()


def test_a_key_reached_through_a_redirect_to_another_server_is_refused(hub_site):
    """A real server's open redirect must not let another server speak for its accounts:
    the document that answers is refused, whatever id it claims."""
    with Peer("victim") as victim, Peer("attacker") as attacker:
        claimed = victim.actor()
        claimed["publicKey"]["publicKeyPem"] = attacker.public_key  # "the victim's key"
        attacker.server.routes["/users/attacker"] = Reply(
            200, json.dumps(claimed).encode(), {"Content-Type": "application/activity+json"}
        )
        victim.server.routes["/users/victim"] = Reply(
            302, headers={"Location": f"{attacker.server.url}/users/attacker"}
        )
        document = {**follow_document(victim, hub_site)}  # speaking as the victim
        response = attacker.post(f"{hub_site.base}/ap/inbox", document, key_id=victim.key_id)
        assert response.status_code == 401
        assert "redirected to another server" in response.json()["error"]
    assert not Follower.objects.exists()


def test_an_inbox_no_server_could_take_breaks_no_delivery(hub_site, peer):
    follow(peer, hub_site)
    accept = Activity.objects.get(type="Accept")
    Delivery.objects.create(activity=accept, inbox_url="https://[broken/inbox",
                            next_attempt_at=timezone.now())  # fmt: skip
    Delivery.objects.create(activity=accept, inbox_url=peer.shared_inbox + "?again",
                            next_attempt_at=timezone.now())  # fmt: skip
    assert deliver_due() == {"delivered": 1, "retrying": 1}
    broken = Delivery.objects.get(inbox_url="https://[broken/inbox")
    assert broken.delivered_at is None and broken.last_error


def test_a_blocked_domain_gets_nothing_even_what_was_queued(hub_site, peer):
    follow(peer, hub_site)
    accept = Activity.objects.get(type="Accept")
    peer.server.reset()
    Delivery.objects.create(activity=accept, inbox_url=peer.shared_inbox + "?queued",
                            next_attempt_at=timezone.now())  # fmt: skip
    BlockedDomain.objects.create(domain="127.0.0.1")
    assert deliver_due() == {"blocked": 1}
    assert peer.posted() == []


def test_an_account_deleted_with_its_key_takes_its_follows(hub_site, peer):
    follow(peer, hub_site)
    cache.clear()  # a day later: the kept key has expired
    peer.server.routes[f"/users/{peer.username}"] = Reply(410)  # the account is gone
    gone = {"id": f"{peer.actor_id}#delete", "type": "Delete", "actor": peer.actor_id,
            "object": peer.actor_id}  # fmt: skip
    assert peer.post(f"{hub_site.base}/ap/inbox", gone).status_code == 202
    assert not Follower.objects.exists()
