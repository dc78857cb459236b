"""Other servers' actors and keys: fetched through the river's address guard (public
addresses only, time-boxed, size-capped), signed by the hub's account (servers in
"secure mode" answer only signed fetches), and kept in the shared cache for
FEDIVERSE_KEY_CACHE_SECONDS."""

import hashlib
import json
from dataclasses import asdict, dataclass
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.core.cache import cache

from network.fetch import FetchError, fetch

from .models import Actor
from .signatures import sign

ACTIVITY_JSON = "application/activity+json"
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
MAX_DOCUMENT_BYTES = 1_000_000
KEY_FAILURE_SECONDS = 300  # a key that could not be had is not asked for again for this long


class RemoteError(Exception):
    """A remote actor or key that cannot be had or trusted; the message says why. `gone`:
    its server says it was removed (410)."""

    def __init__(self, reason: str, *, gone: bool = False):
        super().__init__(reason)
        self.gone = gone


@dataclass(frozen=True)
class RemoteActor:
    id: str
    inbox: str
    shared_inbox: str
    key_id: str
    public_key: str

    @property
    def domain(self) -> str:
        return (urlsplit(self.id).hostname or "").lower()


def actor_for_key(key_id: str, *, fresh: bool = False) -> RemoteActor:
    """The actor owning `key_id`, from the cache unless `fresh` (a key may have rotated)."""
    digest = hashlib.sha256(key_id.encode()).hexdigest()
    cache_key, failed_key = f"fediverse-key:{digest}", f"fediverse-key-failed:{digest}"
    if not fresh and (kept := cache.get(cache_key)) is not None:
        return RemoteActor(**kept)
    if (failure := cache.get(failed_key)) is not None:
        # Asked again within minutes of failing: a server that is slow on purpose (or a
        # flood of requests naming it) holds no web process for a fetch deadline each time.
        raise RemoteError(failure["reason"], gone=failure["gone"])
    try:
        remote = _fetch_actor(key_id)
    except RemoteError as error:
        cache.set(failed_key, {"reason": str(error), "gone": error.gone}, KEY_FAILURE_SECONDS)
        raise
    cache.set(cache_key, asdict(remote), settings.FEDIVERSE_KEY_CACHE_SECONDS)
    return remote


def _fetch_actor(key_id: str) -> RemoteActor:
    document = fetch_document(urldefrag(key_id).url)
    if "publicKeyPem" in document and "inbox" not in document:  # a key of its own
        owner = document.get("owner", "")
        if not isinstance(owner, str) or not same_origin(owner, key_id):
            raise RemoteError("the key names no owner on its own server")
        document = fetch_document(owner)
    return _actor(document, key_id)


def fetch_document(url: str) -> dict:
    try:
        fetched = fetch(
            url,
            user_agent=settings.NETWORK_USER_AGENT_NAME,
            accept=ACCEPT,
            max_bytes=MAX_DOCUMENT_BYTES,
            sign=hub_signer(),
        )
        document = json.loads(fetched.body)
    except FetchError as error:
        raise RemoteError(f"{url}: {error.reason}", gone=error.gone) from error
    except ValueError as error:
        raise RemoteError(f"{url}: not JSON") from error
    if not isinstance(document, dict):
        raise RemoteError(f"{url}: not an object")
    if not same_origin(fetched.url, url):
        # Redirected elsewhere (an open redirect on a real server): what answers is not
        # that server, whatever its document claims.
        raise RemoteError(f"{url}: redirected to another server")
    return document


def hub_signer():
    """Signs a request with the hub's key (None while the hub has no account)."""
    hub = Actor.objects.filter(project=None).only("username", "private_key").first()
    if hub is None:
        return None
    from .addresses import key_id

    def signer(method: str, url: str, headers: dict) -> dict:
        return sign(method, url, headers, key_id=key_id(hub.username), private_key=hub.private_key)

    return signer


def same_origin(first: str, second: str) -> bool:
    a, b = urlsplit(first), urlsplit(second)
    return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())


def _actor(document: dict, key_id: str) -> RemoteActor:
    actor_id = document.get("id")
    if not isinstance(actor_id, str) or not same_origin(actor_id, key_id):
        raise RemoteError("the key's actor is not on the key's server")
    keys = document.get("publicKey")
    keys = keys if isinstance(keys, list) else [keys]
    key = next((k for k in keys if isinstance(k, dict) and k.get("id") == key_id), None)
    if key is None or not isinstance(key.get("publicKeyPem"), str):
        raise RemoteError("the actor does not hold the key")
    if key.get("owner", actor_id) != actor_id:
        raise RemoteError("the key belongs to another actor")
    inbox = document.get("inbox")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox") or inbox
    for address in (inbox, shared):
        if not isinstance(address, str) or not _on_host(address, actor_id):
            raise RemoteError("the actor has no inbox on its own server")
    return RemoteActor(actor_id, inbox, shared, key_id, key["publicKeyPem"])


def _on_host(url: str, actor_id: str) -> bool:
    """An http(s) address on the actor's own host (deliveries go nowhere else)."""
    try:
        parts, actor = urlsplit(url), urlsplit(actor_id)
        return (
            parts.scheme in ("https", "http")
            and bool(parts.hostname)
            and (parts.hostname == actor.hostname)
        )
    except ValueError:
        return False
