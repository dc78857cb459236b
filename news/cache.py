"""A content version that every change to published news bumps.

Cached feeds and API responses include the version in their keys, so bumping one
counter invalidates all of them at once without knowing which ones a change touches.
Several processes need a shared cache (Redis via REDIS_URL) to see each other's bumps.
"""

import hashlib

from django.core.cache import cache

VERSION_KEY = "news:content-version"


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


def versioned_key(namespace: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{namespace}:{content_version()}:{digest}"
