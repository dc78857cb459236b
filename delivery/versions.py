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
CONTENT_VERSION_CHECK_SECONDS (1 s by default; 0 reads them for every request). The thread
that makes a change sees it at once, inside its transaction, by itself (other threads
would otherwise store answers of the old rows under the new counter); its whole process
once it commits; the others within that many seconds. While the database cannot be reached
a process keeps using the versions it read last (nothing can change without the
database), except those it had seen committed and was waiting on, adopted once waited for.

Render-ahead: a process that sees a newer counter than the one it serves, not yet
rendered ahead by the worker (delivery.warming records it as `warmed`), keeps serving the
one it has, looking again every PENDING_CHECK_SECONDS, until it is warmed, or until the
counter (microseconds of the bumping clock) or this process's first sight of it is
CONTENT_VERSION_WARM_SECONDS old (3 s by default; at once while Redis is away, since
nothing can be stored ahead): readers then find the new version's most-read answers stored
instead of all waiting on cold renders at once. So a change shows everywhere within the
larger of the two settings (plus PENDING_CHECK_SECONDS), with or without a worker running,
as long as the machines' clocks agree (with a bumping clock ahead, within their sum).
"""

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django import db
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from news.visibility import next_scheduled_change
from operations.outages import report_outage, report_recovery

from .models import ContentVersion

EVERYTHING = "everything"
SCOPES = (EVERYTHING, "river")

PENDING_CHECK_SECONDS = 0.05  # how often a process waiting for a warmed version looks

# What this process serves under ("versions"), when it read them ("at"), whether its next
# read adopts the newest counters at once ("adopt": it committed a change) and, per scope,
# newer counters it has seen but not adopted yet: (the first of them, when it saw that
# one, the newest) ("pending"). Only committed counters ever get here (see `_own`).
_known: dict = {"versions": None, "at": 0.0, "adopt": True, "pending": {}}
_lock = threading.Lock()  # gthread workers' threads share _known
# Per thread: "stale", "versions" and "at", the view of a thread whose open transaction bumped a
# counter (it sees its own change at once; the others only once it commits, or they would
# store answers of the old rows under the new counter); "newest", set while rendering ahead.
_own = threading.local()


def cache_available() -> bool:
    """False while the shared cache cannot be reached (see cms.cache); local caches can."""
    available = getattr(cache, "available", None)
    return available() if available else True


def forget() -> None:
    """Read the versions afresh at the next use and adopt the newest at once: this process
    committed a change (or a test starts); kept as they are for a database outage."""
    with _lock:
        _known.update(at=0.0, adopt=True)
    _own.stale, _own.versions = False, None


@contextmanager
def newest_versions() -> Iterator[None]:
    """Within, this thread reads the newest committed counters every time, whatever the
    process serves under: the worker renders ahead under them (delivery.warming)."""
    _own.newest = True
    try:
        yield
    finally:
        _own.newest = False


def _counters() -> dict[str, tuple[int, int]]:
    """(counter, warmed) per scope, as committed (or as this transaction wrote them)."""
    rows = ContentVersion.objects.values_list("scope", "counter", "warmed")
    found = {scope: (counter, warmed) for scope, counter, warmed in rows}
    return {scope: found.get(scope, (0, 0)) for scope in SCOPES}


def unwarmed() -> dict[str, int]:
    """The counters, per scope, whose answers no worker has rendered ahead yet."""
    return {scope: counter for scope, (counter, warmed) in _counters().items() if warmed < counter}


def _newest() -> dict[str, int] | None:
    try:
        counters = _counters()
    except DatabaseError as error:
        report_outage("database", error)
        return _known["versions"]
    report_recovery("database")
    return {scope: counter for scope, (counter, _) in counters.items()}


def _versions(*, fresh: bool = False) -> dict[str, int] | None:
    if fresh or getattr(_own, "newest", False):
        return _newest()
    if getattr(_own, "stale", False) or getattr(_own, "versions", None) is not None:
        own = _own_view()
        if own is not None:
            return own
    known, now = _known["versions"], time.monotonic()
    interval = settings.CONTENT_VERSION_CHECK_SECONDS
    if known is not None and now - _known["at"] < interval and not _known["pending"]:
        return known  # the common case, without the lock
    # One thread reads them; the others serve what the process has meanwhile (a read can
    # hang while the database is away), unless it has nothing yet.
    if not _lock.acquire(blocking=known is None):
        return known
    try:
        if _known["pending"]:
            interval = min(interval, PENDING_CHECK_SECONDS)
        if _known["versions"] is not None and now - _known["at"] < interval:
            return _known["versions"]
        try:
            counters = _counters()
        except DatabaseError as error:
            report_outage("database", error)
            return _adopt_unread(now)
        report_recovery("database")
        versions, pending = _adopt(counters, now)
        _known.update(versions=versions, at=now, adopt=False, pending=pending)
        return versions
    finally:
        _lock.release()


def _own_view() -> dict[str, int] | None:
    """The counters of a thread whose transaction bumped one, including its own change;
    None once that transaction is over (committed: `_serve_committed` ran; rolled back: a counter
    that never existed is not kept a moment longer)."""
    if not connection.in_atomic_block:
        _own.versions, _own.stale = None, False
        return None
    now = time.monotonic()
    if not _own.stale and now - _own.at < settings.CONTENT_VERSION_CHECK_SECONDS:
        return _own.versions
    _own.versions, _own.at, _own.stale = _newest(), now, False
    return _own.versions


def _adopt(counters: dict[str, tuple[int, int]], now: float) -> tuple[dict, dict]:
    """The counters this process serves under now, and those it waits on (see above)."""
    serving, seen = _known["versions"] or {}, _known["pending"]
    versions, pending = {}, {}
    for scope, (counter, warmed) in counters.items():
        current = serving.get(scope)
        if _known["adopt"] or current is None or counter <= current or warmed >= counter:
            versions[scope] = counter
            continue
        first, first_seen, _ = seen.get(scope, (counter, now, counter))
        if _waited_enough(first, first_seen, now) or not cache_available():
            versions[scope] = counter  # nothing can be stored ahead while Redis is away
        else:
            versions[scope], pending[scope] = current, (first, first_seen, counter)
    return versions, pending


def _waited_enough(first: int, first_seen: float, now: float) -> bool:
    """Whether the first newer counter seen (its bumping clock, or this process's first
    sight of it) is CONTENT_VERSION_WARM_SECONDS old: later bumps do not prolong the wait."""
    grace = settings.CONTENT_VERSION_WARM_SECONDS
    return time.time() - first / 1_000_000 >= grace or now - first_seen >= grace


def _adopt_unread(now: float) -> dict[str, int] | None:
    """While the database cannot be read: the versions served, except that counters seen
    committed before it went away are adopted once waited for (the change happened)."""
    versions, still = dict(_known["versions"] or {}), {}
    for scope, (first, first_seen, newest) in _known["pending"].items():
        if _waited_enough(first, first_seen, now):
            versions[scope] = newest
        else:
            still[scope] = (first, first_seen, newest)
    if _known["versions"] is None:
        return None
    _known.update(versions=versions, pending=still, at=now)  # try again in an interval
    return versions


def seconds_until_served_everywhere() -> float:
    """How long after a commit every process may take to serve the change (see above):
    what announcing waits before it tells a hub or a CDN to fetch again."""
    return (
        max(settings.CONTENT_VERSION_CHECK_SECONDS, settings.CONTENT_VERSION_WARM_SECONDS)
        + PENDING_CHECK_SECONDS
    )


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
    _own.stale = True  # this thread sees its change at once; the process once committed
    transaction.on_commit(_serve_committed)


def _serve_committed() -> None:
    """On the commit of this thread's change: the whole process serves the newest counters
    from now on, read here, by the committing thread. (Marking them to be read by the next
    request left a gap: a thread arriving while another was reading them served what the
    process had before, answers stored before the change included.) Read before taking
    the lock, so a database that stops answering holds up this thread alone; a thread that
    read before the commit holds the lock until it has written, so this write comes last."""
    _own.stale, _own.versions = False, None
    try:
        counters = _counters()
    except db.Error:  # gone since the commit: the next read adopts them at once
        forget()
        return
    versions = {scope: counter for scope, (counter, _) in counters.items()}
    with _lock:
        _known.update(versions=versions, at=time.monotonic(), adopt=False, pending={})


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
