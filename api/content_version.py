"""A content version that every change readers could notice bumps, and how long an
answer computed now stays true.

Cached feeds and API responses include the version in their keys, so bumping one
counter invalidates all of them at once without knowing which ones a change touches.
Several processes must share the cache (Redis, `REDIS_URL`) to see each other's bumps;
production settings refuse to start without it.

Reading the counter from Redis on every cached hit costs a network round trip, as much
as the rest of the hit. A process may therefore reuse the version it last read for
`CONTENT_VERSION_CHECK_SECONDS` (1 s by default; 0 reads it every time). The process
that handles a publish sees the change at once; the others within that many seconds.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from news.visibility import next_scheduled_change

VERSION_KEY = "content-version"
# Parts of the outputs that a change can retire on its own: a partner-feed fetch that
# brings new items retires what shows the river (RIVER_URLS), never the news feeds,
# calendars or the pages API. A bump of the content version retires every scope too.
SCOPES = ("river",)
KEYS = (VERSION_KEY, *(f"{VERSION_KEY}:{scope}" for scope in SCOPES))

_last_read = {"versions": None, "at": 0.0, "missed_outage": False}


def cache_available() -> bool:
    """False while the shared cache cannot be reached (see cms.cache); local caches can."""
    available = getattr(cache, "available", None)
    return available() if available else True


def content_version(*, fresh: bool = False) -> int | None:
    """The current version, or None while the cache is unreachable: nothing may then be
    served from or stored in any cache, since a publish elsewhere could not be seen.

    `fresh` reads the shared counter even within CONTENT_VERSION_CHECK_SECONDS: for
    values kept apart from the answer they go into (a listing's count), which would
    otherwise pair an old total with the items the database returns now."""
    versions = _versions(fresh=fresh)
    return versions[VERSION_KEY] if versions else None


def scoped_version(scope: str | None, *, fresh: bool = False) -> str | None:
    """The version of answers in `scope` (None: the content version alone), or None
    while the cache is unreachable."""
    versions = _versions(fresh=fresh)
    if versions is None:
        return None
    if scope is None:
        return str(versions[VERSION_KEY])
    return f"{versions[VERSION_KEY]}.{versions[f'{VERSION_KEY}:{scope}']}"


def _versions(*, fresh: bool) -> dict[str, int] | None:
    """Every counter, read in one round trip, or reused within the check interval."""
    now = time.monotonic()
    if (
        not fresh
        and _last_read["versions"] is not None
        and now - _last_read["at"] < settings.CONTENT_VERSION_CHECK_SECONDS
    ):
        return _last_read["versions"]
    versions = cache.get_many(KEYS)
    for key in KEYS:
        if versions.get(key) is None:
            # Start from the clock, not 1: after a cache flush a counter must never repeat
            # a version that older copies (a process's local copies) were stored under.
            cache.add(key, time.time_ns() // 1000, timeout=None)
            versions[key] = cache.get(key)
    if not cache_available():
        _last_read.update(versions=None, at=0.0, missed_outage=True)
        return None
    if _last_read["missed_outage"]:
        # Publishing during the outage could not bump the version: do it now, once.
        _last_read["missed_outage"] = False
        bump_content_version()
        return _last_read["versions"]
    _last_read.update(versions=versions, at=now)
    return versions


def bump_content_version(*, scope: str | None = None) -> None:
    """Retire every cached answer, or with `scope` only the answers in that scope."""
    key = f"{VERSION_KEY}:{scope}" if scope else VERSION_KEY
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns() // 1000, timeout=None)
    if not cache_available():
        _last_read.update(versions=None, at=0.0, missed_outage=True)
        return
    _last_read.update(versions=None, at=0.0)
    _versions(fresh=True)


def versioned_key(
    namespace: str, *parts: str, fresh: bool = False, scope: str | None = None
) -> str:
    """A key under the current version of `scope` (under 'none' while the cache is away,
    which no reader is served from: callers check `content_version()` first where it
    matters)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{namespace}:{scoped_version(scope, fresh=fresh) or 'none'}:{digest}"


def content_valid_until() -> float:
    """Until when (Unix time) an answer computed now stays true: the server's cache limit,
    or the next go-live or expiry if sooner (time alone changes what is publishable then).

    The one place validity is decided; looked up once per content version.
    """
    now = time.time()
    key = versioned_key("next-change")
    deadline = cache.get(key)
    if deadline is None or (deadline and deadline <= now):
        moment = next_scheduled_change()
        deadline = moment.timestamp() if moment else 0
        timeout = deadline - now if deadline else settings.RESPONSE_CACHE_SECONDS
        cache.set(key, deadline, max(1, int(min(timeout, settings.RESPONSE_CACHE_SECONDS))))
    limit = now + settings.RESPONSE_CACHE_SECONDS
    return min(limit, deadline) if deadline else limit
