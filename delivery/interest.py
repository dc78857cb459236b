"""Which cached answers readers ask for: what the worker renders ahead after a change
(delivery.warming).

A process notes a URL (scheme, host, path, sorted parameters, as the response cache keys
it) when it first answers it under a content version, from the shared cache or by
rendering it (its later answers come from its own copy): after each change every process
that serves an output notes it again, so the list follows what is read and forgets, after
a day, what no one reads any more. The list lives in the shared cache, one entry of at most
`KEPT` URLs; processes that note at the same moment can overwrite each other's notes, which
costs a URL one round of rendering ahead, never an answer. Only answers the response cache
stores are noted, so the query-string variants strangers can make of a path are bounded by
RESPONSE_CACHE_VARIANTS (and junk could only push real URLs down the list, not be served).
"""

import time

from django.core.cache import cache

KEY = "delivery:interest"
KEPT = 200  # URLs the list holds; the worker renders the RESPONSE_CACHE_WARM_MAX most asked
FORGOTTEN_AFTER_SECONDS = 24 * 3600

Parts = tuple[str, str, str, str]  # scheme, host, path, query (delivery.response_cache)


def note(parts: Parts) -> None:
    """Count a read of `parts` in this process (see the module's docstring)."""
    now = time.time()
    asked = _recent(cache.get(KEY) or {}, now)
    times, _ = asked.get(parts, (0, 0.0))
    asked[parts] = (times + 1, now)
    kept = sorted(asked.items(), key=_most_asked)[:KEPT]
    cache.set(KEY, dict(kept), FORGOTTEN_AFTER_SECONDS)


def most_asked(limit: int) -> list[Parts]:
    """The `limit` URLs noted most often (then most recently) within the last day."""
    asked = _recent(cache.get(KEY) or {}, time.time())
    return [parts for parts, _ in sorted(asked.items(), key=_most_asked)[:limit]]


def _recent(asked: dict, now: float) -> dict:
    return {
        parts: (times, last)
        for parts, (times, last) in asked.items()
        if now - last < FORGOTTEN_AFTER_SECONDS
    }


def _most_asked(item: tuple[Parts, tuple[int, float]]) -> tuple[int, float]:
    _, (times, last) = item
    return (-times, -last)
