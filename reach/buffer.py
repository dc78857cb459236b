"""Counts buffered in Redis and written to the database by the worker (reach.flush): a
request never writes to the database. Each process holds its reads for at most
REACH_PUSH_SECONDS and sends them in one round trip (with the next read after that, by a
timer if no read comes, and when it exits): a process killed outright loses at most what
it held.

Keys (under REACH_KEY_PREFIX):
- `reads`: a hash, field `day|channel|path|origin` → reads since the last flush;
- `fetchers:<day>:<path>`: a HyperLogLog of hashes of (daily salt, client address, user
  agent) for feeds and calendars; the salt is random per day and lives only in Redis, so
  no hash can be tied to an address afterwards; kept two days;
- `fetcher-keys`: the set of those HyperLogLogs; `subscribers`: a hash, field
  `path|reader` → `subscribers|day`, the latest report.

While Redis cannot be reached nothing is counted (one log line per outage interval) and
requests are answered as ever; Redis is then not asked for REACH_RETRY_SECONDS.
"""

import atexit
import hashlib
import secrets
import threading
import time
from collections import Counter
from datetime import date

from django.conf import settings

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from operations.outages import report_outage, report_recovery

SEPARATOR = "\x1f"
FETCHERS_KEPT_SECONDS = 2 * 86400
_client: dict = {"redis": None, "url": None, "down_until": 0.0}
_salts: dict[str, bytes] = {}  # the day's salt, read once per process
_registered: set[str] = set()  # fetcher HyperLogLogs this process has indexed
_lock = threading.Lock()  # gthread workers count from several threads
_pending: dict = {"reads": Counter(), "fetchers": {}, "subscribers": {}, "since": 0.0}
_timer: dict = {"thread": None}  # the push a quiet process makes (`_push_later`)


def client() -> redis.Redis | None:
    """The Redis client reach uses, or None (no Redis configured, or away just now)."""
    url = settings.REACH_REDIS_URL
    if not url or time.monotonic() < _client["down_until"]:
        return None
    if _client["url"] != url:
        # Under the lock, looked at again: the first requests of a new process come
        # together, and a second thread making the client afresh emptied what the first
        # had counted meanwhile (a read of 10,000 lost under load).
        with _lock:
            if _client["url"] != url:
                _client["redis"] = _connect(url)
                _client.update(url=url, down_until=0.0)
                _salts.clear()
                _registered.clear()
                _pending.update(
                    reads=Counter(), fetchers={}, subscribers={}, since=time.monotonic()
                )
    return _client["redis"]


def _connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_timeout=settings.REACH_REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=settings.REACH_REDIS_TIMEOUT_SECONDS,
        # One immediate retry when the connection broke (one left from before a Redis
        # restart), never after a timeout: Redis may have applied what timed out, and
        # sending it again would count it twice.
        retry=Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,)),
    )  # fmt: skip


def key(name: str) -> str:
    return f"{settings.REACH_KEY_PREFIX}:{name}"


def field(*parts: str) -> str:
    return SEPARATOR.join(part.replace(SEPARATOR, " ") for part in parts)


def count(
    day: date,
    channel: str,
    path: str,
    origin: str,
    *,
    fetcher: tuple[str, str] | None = None,
    subscribers: tuple[str, int] | None = None,
) -> bool:
    """One read; with `fetcher` (client address, user agent) also a fetcher of the day,
    with `subscribers` (reader, count) a reader's report. Held in this process and sent
    to Redis in one round trip at most every REACH_PUSH_SECONDS (a Redis round trip per
    read would cost more than the cached answer it counts). False when Redis is away."""
    connection = client()
    if connection is None:
        return False
    today = day.isoformat()
    anonymous = None
    if fetcher is not None:
        try:  # before the lock: reading the day's salt may wait on Redis
            anonymous = _anonymous(today, *fetcher, connection=connection)
        except (redis.RedisError, OSError) as error:
            return _away(error)
    with _lock:
        _pending["reads"][field(today, channel, path, origin)] += 1
        if anonymous is not None:
            _pending["fetchers"].setdefault(key(f"fetchers:{today}:{path}"), set()).add(anonymous)
        if subscribers is not None:
            reader, number = subscribers
            _pending["subscribers"][field(path, reader)] = field(str(number), today)
        due = time.monotonic() - _pending["since"] >= settings.REACH_PUSH_SECONDS
    if due:
        return push()
    _push_later()
    return True


def _push_later() -> None:
    """A process that goes quiet still sends what it holds within REACH_PUSH_SECONDS (a
    timer thread per process, started by the first read held after a push)."""
    with _lock:
        if _timer["thread"] is not None:
            return
        timer = threading.Timer(settings.REACH_PUSH_SECONDS, push)
        timer.daemon = True
        _timer["thread"] = timer
    timer.start()


def push() -> bool:
    """Send what this process holds to Redis, in one round trip (also at exit)."""
    connection = client()
    with _lock:
        reads, fetchers, reports = _pending["reads"], _pending["fetchers"], _pending["subscribers"]
        _pending.update(reads=Counter(), fetchers={}, subscribers={}, since=time.monotonic())
        if _timer["thread"] is not None:  # what it would send goes now
            _timer["thread"].cancel()
            _timer["thread"] = None
    if connection is None or not (reads or fetchers or reports):
        return connection is not None
    try:
        pipe = connection.pipeline(transaction=False)
        for counted, number in reads.items():
            pipe.hincrby(key("reads"), counted, number)
        for hll, members in fetchers.items():
            pipe.pfadd(hll, *members)
            if hll not in _registered:  # once a process: its expiry and its index entry
                pipe.expire(hll, FETCHERS_KEPT_SECONDS)
                pipe.sadd(key("fetcher-keys"), hll)
        if reports:
            pipe.hset(key("subscribers"), mapping=reports)
        pipe.execute()
        _registered.update(fetchers)
    except (redis.RedisError, OSError) as error:
        return _away(error)
    report_recovery("reach counting")
    return True


def _away(error: Exception) -> bool:
    _client["down_until"] = time.monotonic() + settings.REACH_RETRY_SECONDS
    report_outage("reach counting", error)
    return False


atexit.register(push)


def _anonymous(today: str, address: str, user_agent: str, *, connection: redis.Redis) -> str:
    """A hash nobody can tie to an address: salted with the day's random salt, which is
    kept in Redis (shared by every process) until the day's counts are done."""
    salt = _salts.get(today)
    if salt is None:
        salt_key = key(f"salt:{today}")
        connection.set(salt_key, secrets.token_hex(16), nx=True, ex=FETCHERS_KEPT_SECONDS)
        salt = connection.get(salt_key)
        if not salt:
            raise redis.ConnectionError("the day's salt could not be read")
        _salts[today] = salt
        for old in [day for day in _salts if day != today]:
            del _salts[old]
    return hashlib.sha256(salt + f"{address}\x1f{user_agent}".encode()).hexdigest()[:32]
