"""Listing totals kept per content version: COUNT(*) reads every matching row (the one
cost of a listing that grows with the archive, 53 ms at 100,000 stories), yet a total
changes only when content changes or a schedule fires, not from page to page.

Registered with `news.paging.keep_counts` in this app's `ready()`, so every paginated
listing (the Updates and Events pages, the API) counts once per version and filter set.
"""

import time
from collections.abc import Callable

from django.core.cache import cache

from .versions import content_valid_until, content_version, key_at


def kept_count(key: str, count: Callable[[], int]) -> int:
    """`count()` once per content version for `key` (the listing, its site and filters).

    The version is read now, not the one this process may reuse for a second (or keep
    while the new one is rendered ahead): the rows come from the database now, and
    another process may just have published.
    """
    version = content_version(fresh=True)
    if version is None:
        return count()  # the shared cache is away: count, keep nothing
    versioned = key_at(version, "listing-count", key)
    total = cache.get(versioned)
    if total is None:
        total = count()
        cache.set(versioned, total, max(1, int(content_valid_until() - time.time())))
    return total
