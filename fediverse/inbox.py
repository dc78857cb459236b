"""What arrives in our inboxes: Follow, Undo{Follow} and a remote account's Delete; the
rest (likes, boosts, replies) is acknowledged and dropped, stored nowhere.

Every request must be signed by the actor it speaks for (fediverse.signatures), from a
domain that is not blocked, with a fresh Date and a signature never seen before; a
refused request is answered 401 (unsigned, forged, stale, replayed) or 403 (blocked) and
leaves no trace. A Follow is answered with an Accept, sent by the worker.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from . import addresses, sending
from .documents import activity as activity_document
from .models import Actor, BlockedDomain, Follower
from .remote import RemoteActor, RemoteError, actor_for_key, fetch_document
from .signatures import SignatureError, check_freshness, claimed, verify

REFETCH_SECONDS = 300


class Refused(Exception):
    def __init__(self, reason: str, status: int, *, gone: bool = False):
        super().__init__(reason)
        self.status, self.gone = status, gone


@dataclass(frozen=True)
class Received:
    kind: str
    signer: str  # the remote actor's id
    outcome: str


def is_blocked(*domains: str) -> bool:
    """Any of `domains`, or a domain above one, is blocked (blocking spam.example blocks
    a.spam.example); one query for all."""
    candidates = set()
    for domain in domains:
        parts = domain.lower().rstrip(".").split(".")
        candidates |= {".".join(parts[i:]) for i in range(len(parts) - 1)} | {parts[-1]}
    return BlockedDomain.objects.filter(domain__in=candidates).exists()


def receive(request: HttpRequest, document: dict, addressed_to: Actor | None) -> Received:
    kind = document.get("type")
    actor_id = document.get("actor")
    if isinstance(actor_id, dict):
        actor_id = actor_id.get("id")
    if not isinstance(kind, str) or not isinstance(actor_id, str):
        raise Refused("an activity names its type and actor", 400)
    if request.get_host().lower() != addresses.host().lower():
        # The signature covers the Host: one made for another server is not for us.
        raise Refused("the request is addressed to another host", 401)
    claim = _claim(request)
    if is_blocked(claim.key_host, _host(actor_id)):
        raise Refused("this server does not accept activities from that domain", 403)
    leaving = kind == "Delete" and _deletes_itself(document, actor_id)
    if leaving and not Follower.objects.filter(actor_url=actor_id).exists():
        # An account we never knew leaving: nothing to remove, no key to fetch (servers
        # announce an account's deletion to every server they know).
        return Received(kind, actor_id, "ignored")
    try:
        signer = _verified(request, claim)
    except Refused as refused:
        if leaving and refused.gone:
            # A deleted account's key goes with it (410); its server saying so about the
            # account itself is the proof: its follows are removed.
            return Received(kind, actor_id, _account_gone(actor_id))
        raise
    if signer.id != actor_id:
        raise Refused("the activity's actor did not sign it", 401)
    _refuse_replays(claim.signature)
    return Received(kind, signer.id, _handle(kind, document, signer, addressed_to))


def _claim(request: HttpRequest):
    try:
        claim = claimed(request.headers.get("Signature", ""))
        check_freshness(request.headers, request.body, claim)
    except SignatureError as error:
        raise Refused(str(error), 401) from error
    return claim


def _verified(request: HttpRequest, claim) -> RemoteActor:
    """The signer, its key fetched (or kept) and the signature checked; a key that fails
    once is fetched afresh, for a server that rotated its key."""
    for fresh in (False, True):
        try:
            signer = actor_for_key(claim.key_id, fresh=fresh)
        except RemoteError as error:
            raise Refused(
                f"the signing key cannot be had: {error}", 401, gone=error.gone
            ) from error
        try:
            verify(request.headers, method=request.method, path=request.get_full_path(),
                   claim=claim, public_key=signer.public_key)  # fmt: skip
        except SignatureError as error:
            if fresh or not _may_refetch(claim.key_id):
                raise Refused(str(error), 401) from error
            continue
        return signer
    raise AssertionError("unreachable")


def _may_refetch(key_id: str) -> bool:
    """A kept key that does not match is fetched again at most once in a few minutes
    (a rotated key), not once per request (a flood of bad signatures naming a server)."""
    marker = "fediverse-key-refetched:" + hashlib.sha256(key_id.encode()).hexdigest()
    return cache.add(marker, 1, REFETCH_SECONDS)


def _account_gone(actor_id: str) -> str:
    try:
        fetch_document(actor_id)
    except RemoteError as error:
        if error.gone:
            removed, _ = Follower.objects.filter(actor_url=actor_id).delete()
            return f"removed {removed}"
    raise Refused("the account's server does not say it is gone", 401)


def _refuse_replays(signature: str) -> None:
    """A signature is accepted once: replaying a captured request within the clock skew
    is refused. Fails closed: without the shared cache nothing can be checked."""
    key = "fediverse-seen:" + hashlib.sha256(signature.encode()).hexdigest()
    available = getattr(cache, "available", lambda: True)()
    if not available:
        raise Refused("cannot check for replays right now; try again later", 503)
    if not cache.add(key, 1, 2 * settings.FEDIVERSE_MAX_CLOCK_SKEW_SECONDS + 60):
        raise Refused("this request was received before", 401)


def _handle(kind: str, document: dict, signer: RemoteActor, addressed_to: Actor | None) -> str:
    if kind == "Follow":
        return _follow(document, signer, addressed_to)
    if kind == "Undo":
        return _undo(document, signer)
    if kind == "Delete" and _deletes_itself(document, signer.id):
        removed, _ = Follower.objects.filter(actor_url=signer.id).delete()
        return f"removed {removed}"
    return "ignored"


def _follow(document: dict, signer: RemoteActor, addressed_to: Actor | None) -> str:
    target = _object_id(document.get("object"))
    actor = addressed_to or Actor.objects.at(target)
    if actor is None or target != addresses.actor_url(actor.username):
        raise Refused("the Follow names none of this server's accounts", 400)
    with transaction.atomic():
        Follower.objects.update_or_create(
            actor=actor,
            actor_url=signer.id,
            defaults={"inbox_url": signer.shared_inbox, "domain": signer.domain},
        )
        accept = activity_document(
            "", "Accept", actor,
            {key: document[key] for key in ("id", "type", "actor", "object") if key in document},
        )  # fmt: skip
        sending.send(actor, accept, [signer.shared_inbox])
    return "followed"


def _undo(document: dict, signer: RemoteActor) -> str:
    undone = document.get("object")
    if isinstance(undone, dict) and undone.get("type") == "Follow":
        target = Actor.objects.at(_object_id(undone.get("object")))
        followers = Follower.objects.filter(actor_url=signer.id)
        if target is not None:
            followers = followers.filter(actor=target)
        removed, _ = followers.delete()
        return f"unfollowed {removed}"
    return "ignored"


def _deletes_itself(document: dict, actor_id: str) -> bool:
    return _object_id(document.get("object")) == actor_id


def _object_id(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
