"""A content version that every change to published news bumps.

Cached feeds and API responses include the version in their keys, so bumping one
counter invalidates all of them at once without knowing which ones a change touches.
Several processes need a shared cache (Redis via REDIS_URL) to see each other's bumps.

Reading the counter from Redis on every cached hit costs a network round trip, as much
as the rest of the hit. A process may therefore reuse the version it last read for
`CONTENT_VERSION_CHECK_SECONDS` (1 s by default; 0 reads it every time). The process
that handles a publish sees the change at once; the others within that many seconds.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "news:content-version"


_last_read = {"version": None, "at": 0.0}


def content_version() -> int:
    now = time.monotonic()
    if (
        _last_read["version"] is not None
        and now - _last_read["at"] < settings.CONTENT_VERSION_CHECK_SECONDS
    ):
        return _last_read["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not 1: after a cache flush the counter must never repeat a
        # version that older copies (such as a process's local copies) were stored under.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    _last_read.update(version=version, at=now)
    return version


def bump_content_version() -> None:
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = time.time_ns() // 1000
        cache.set(VERSION_KEY, version, timeout=None)
    _last_read.update(version=version, at=time.monotonic())


def versioned_key(namespace: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{namespace}:{content_version()}:{digest}"
