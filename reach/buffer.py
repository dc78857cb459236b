"""Counts buffered in Redis, one round trip per counted request, and written to the
database by the worker (reach.flush): a request never writes to the database.

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

import hashlib
import secrets
import time
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


def client() -> redis.Redis | None:
    """The Redis client reach uses, or None (no Redis configured, or away just now)."""
    url = settings.REACH_REDIS_URL
    if not url or time.monotonic() < _client["down_until"]:
        return None
    if _client["url"] != url:
        _client["redis"] = redis.Redis.from_url(
            url, socket_timeout=settings.REACH_REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=settings.REACH_REDIS_TIMEOUT_SECONDS,
            # One immediate retry: a connection left from before a Redis restart is
            # replaced at once; a Redis that is away costs one timeout, not a backoff.
            retry=Retry(NoBackoff(), 1),
        )  # fmt: skip
        _client.update(url=url, down_until=0.0)
        _salts.clear()
        _registered.clear()
    return _client["redis"]


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
    """One read, in one round trip; with `fetcher` (client address, user agent) also a
    fetcher of the day, with `subscribers` (reader, count) a reader's report. False when
    Redis was away (the read is not counted)."""
    connection = client()
    if connection is None:
        return False
    today = day.isoformat()
    try:
        pipe = connection.pipeline(transaction=False)
        pipe.hincrby(key("reads"), field(today, channel, path, origin), 1)
        if fetcher is not None:
            hll = key(f"fetchers:{today}:{path}")
            pipe.pfadd(hll, _anonymous(today, *fetcher, connection=connection))
            if hll not in _registered:  # once a process: its expiry and its index entry
                pipe.expire(hll, FETCHERS_KEPT_SECONDS)
                pipe.sadd(key("fetcher-keys"), hll)
        if subscribers is not None:
            reader, number = subscribers
            pipe.hset(key("subscribers"), field(path, reader), field(str(number), today))
        pipe.execute()
        if fetcher is not None:
            _registered.add(hll)
    except (redis.RedisError, OSError) as error:
        _client["down_until"] = time.monotonic() + settings.REACH_RETRY_SECONDS
        report_outage("reach counting", error)
        return False
    report_recovery("reach counting")
    return True


def _anonymous(today: str, address: str, user_agent: str, *, connection: redis.Redis) -> str:
    """A hash nobody can tie to an address: salted with the day's random salt, which is
    kept in Redis (shared by every process) until the day's counts are done."""
    salt = _salts.get(today)
    if salt is None:
        salt_key = key(f"salt:{today}")
        connection.set(salt_key, secrets.token_hex(16), nx=True, ex=FETCHERS_KEPT_SECONDS)
        salt = _salts[today] = connection.get(salt_key) or b""
        for old in [day for day in _salts if day != today]:
            del _salts[old]
    return hashlib.sha256(salt + f"{address}\x1f{user_agent}".encode()).hexdigest()[:32]
