"""Rendered feeds in Django's cache, keyed by a content version that publishing bumps.

Bumping one counter invalidates every feed of every site at once, without knowing
which feeds a change touches. Entries also carry `valid_until`, the next moment a
scheduled page goes live or a listed page expires, so time alone refreshes them.
Several workers need a shared cache (Redis via REDIS_URL) to see each other's bumps.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

VERSION_KEY = "news:content-version"


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str
    last_modified: float
    valid_until: float


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def feed_cache_key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"feeds:{content_version()}:{digest}"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
