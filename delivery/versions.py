"""Content versions: every change readers could notice bumps one, and cached answers are
stored under the versions they were computed at, so a bump retires them all at once
without knowing which ones a change touches.

The versions live in the database (`delivery.ContentVersion`), bumped in the transaction
of the change they announce: a publish, unpublish, move, delete or setting change commits
together with its bump, from any process (web, worker, shell, an import command), whether
or not the shared cache (Redis) can be reached. Nothing needs replaying when Redis comes
back: keys name the versions, so copies stored before a change are never found again.

Scopes: "everything", and "river" for what shows partner items (`RIVER_URLS`), which a
partner-feed fetch can retire alone. An answer in the river scope is stored under both.

Reading the versions costs one small query; a process reuses what it read for
CONTENT_VERSION_CHECK_SECONDS (1 s by default; 0 reads them for every request). The process
that makes a change reads them afresh at once and again when it commits; the others
within that many seconds. While the database cannot be reached a process keeps using the
versions it read last: nothing can change without the database, so cached answers keep
flowing.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from news.visibility import next_scheduled_change
from operations.outages import report_outage, report_recovery

from .models import ContentVersion

EVERYTHING = "everything"
SCOPES = (EVERYTHING, "river")

_known: dict = {"versions": None, "at": 0.0}


def cache_available() -> bool:
    """False while the shared cache cannot be reached (see cms.cache); local caches can."""
    available = getattr(cache, "available", None)
    return available() if available else True


def forget() -> None:
    """Read the versions afresh at the next use (keeping them for a database outage)."""
    _known["at"] = 0.0


def _versions(*, fresh: bool = False) -> dict[str, int] | None:
    now = time.monotonic()
    if (
        not fresh
        and _known["versions"] is not None
        and now - _known["at"] < settings.CONTENT_VERSION_CHECK_SECONDS
    ):
        return _known["versions"]
    try:
        versions = dict(ContentVersion.objects.values_list("scope", "counter"))
    except DatabaseError as error:
        report_outage("database", error)
        return _known["versions"]
    report_recovery("database")
    versions = {scope: versions.get(scope, 0) for scope in SCOPES}
    _known.update(versions=versions, at=now)
    return versions


def content_version(*, fresh: bool = False) -> str | None:
    """The version answers outside any narrower scope are stored under, or None when no
    answer may be served from or stored in the shared cache (it cannot be reached, or
    the versions were never read)."""
    return scoped_version(None, fresh=fresh)


def scoped_version(scope: str | None, *, fresh: bool = False) -> str | None:
    """The version of answers in `scope` (None: "everything" alone), or None as above."""
    if not cache_available():
        return None
    versions = _versions(fresh=fresh)
    if versions is None:
        return None
    if scope is None or scope == EVERYTHING:
        return str(versions[EVERYTHING])
    return f"{versions[EVERYTHING]}.{versions[scope]}"


def bump_content_version(*, scope: str = EVERYTHING) -> None:
    """Retire every cached answer (or those of `scope`), in the current transaction.

    The new counter is at least the current time in microseconds, so a counter never
    comes back to a value that answers were once stored under, even after a rollback.
    """
    counter = Greatest(F("counter") + 1, Value(time.time_ns() // 1000))
    if not ContentVersion.objects.filter(scope=scope).update(counter=counter):
        ContentVersion.objects.get_or_create(scope=scope)
        ContentVersion.objects.filter(scope=scope).update(counter=counter)
    forget()
    transaction.on_commit(forget)


def versioned_key(
    namespace: str, *parts: str, fresh: bool = False, scope: str | None = None
) -> str:
    """A key under the current version of `scope` (under 'none' while no version can be
    had, which no reader is served from: callers check `content_version()` first where it
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
