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

Render-ahead: a process that sees a newer counter than the one it serves, not yet
rendered ahead by the worker (delivery.warming records it as `warmed`), keeps serving the
one it has, looking again every PENDING_CHECK_SECONDS, until it is warmed, or until the
counter (microseconds of the bumping clock) or this process's first sight of it is
CONTENT_VERSION_WARM_SECONDS old (by default CONTENT_VERSION_CHECK_SECONDS): readers then
find the new version's most-read answers stored instead of all waiting on cold renders at
once. So a change shows everywhere within the larger of the two settings (plus
PENDING_CHECK_SECONDS), with or without a worker running.
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

PENDING_CHECK_SECONDS = 0.05  # how often a process waiting for a warmed version looks

# What this process serves under ("versions"), when it read them ("at"), whether its next
# read adopts the newest counters at once ("adopt": it made a change) and, per scope, a
# newer counter it has seen but not adopted yet, with when it first saw it ("pending").
_known: dict = {"versions": None, "at": 0.0, "adopt": True, "pending": {}}


def cache_available() -> bool:
    """False while the shared cache cannot be reached (see cms.cache); local caches can."""
    available = getattr(cache, "available", None)
    return available() if available else True


def forget() -> None:
    """Read the versions afresh at the next use and adopt the newest at once (this process
    made a change, or renders ahead); kept as they are for a database outage."""
    _known.update(at=0.0, adopt=True)


def _counters() -> dict[str, tuple[int, int]]:
    """(counter, warmed) per scope, as committed (or as this transaction wrote them)."""
    rows = ContentVersion.objects.values_list("scope", "counter", "warmed")
    found = {scope: (counter, warmed) for scope, counter, warmed in rows}
    return {scope: found.get(scope, (0, 0)) for scope in SCOPES}


def unwarmed() -> dict[str, int]:
    """The counters, per scope, whose answers no worker has rendered ahead yet."""
    return {scope: counter for scope, (counter, warmed) in _counters().items() if warmed < counter}


def _versions(*, fresh: bool = False) -> dict[str, int] | None:
    now = time.monotonic()
    interval = settings.CONTENT_VERSION_CHECK_SECONDS
    if _known["pending"]:
        interval = min(interval, PENDING_CHECK_SECONDS)
    if not fresh and _known["versions"] is not None and now - _known["at"] < interval:
        return _known["versions"]
    try:
        counters = _counters()
    except DatabaseError as error:
        report_outage("database", error)
        return _known["versions"]
    report_recovery("database")
    if fresh:
        return {scope: counter for scope, (counter, _) in counters.items()}
    versions, pending = _adopt(counters, now)
    _known.update(versions=versions, at=now, adopt=False, pending=pending)
    return versions


def _adopt(counters: dict[str, tuple[int, int]], now: float) -> tuple[dict, dict]:
    """The counters this process serves under now, and those it waits on (see above)."""
    serving, seen = _known["versions"] or {}, _known["pending"]
    grace = settings.CONTENT_VERSION_WARM_SECONDS
    versions, pending = {}, {}
    for scope, (counter, warmed) in counters.items():
        current = serving.get(scope)
        first_seen = seen[scope][1] if scope in seen and seen[scope][0] == counter else now
        waits = (
            not _known["adopt"]
            and current is not None
            and counter > current
            and warmed < counter
            and time.time() - counter / 1_000_000 < grace
            and now - first_seen < grace
        )
        versions[scope] = current if waits else counter
        if waits:
            pending[scope] = (counter, first_seen)
    return versions, pending


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
    return key_at(scoped_version(scope, fresh=fresh), namespace, *parts)


def key_at(version: str | None, namespace: str, *parts: str) -> str:
    """The key of `parts` under a version already read."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{namespace}:{version or 'none'}:{digest}"


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
