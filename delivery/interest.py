"""Which cached answers readers ask for: what the worker renders ahead after a change
(delivery.warming).

A process notes a URL (scheme, host, path, sorted parameters, as the response cache keys
it, and the server port the request came in on, which Wagtail's site lookup reads) when it
first answers it under a content version, from the shared cache or by rendering it (its
later answers come from its own copy): after each change every process that serves an
output notes it once more, so the list follows what is read and forgets, after a day, what
no one reads any more. The list lives in the shared cache, one entry of at most `KEPT`
URLs; processes that note at the same moment can overwrite each other's notes, which costs
a URL one round of rendering ahead, never an answer.

Only answers the response cache stores are noted, at most once per process and version,
and only with a short query string: strangers can add URLs (bounded per path by
RESPONSE_CACHE_VARIANTS) but not make one count more than a process's single note, nor
make the worker render anything a reader could not have had stored.
"""

import time

from django.core.cache import cache

KEY = "delivery:interest"
KEPT = 200  # URLs the list holds; the worker renders the RESPONSE_CACHE_WARM_MAX most asked
FORGOTTEN_AFTER_SECONDS = 24 * 3600
LONGEST_QUERY = 200  # characters: longer query strings are not worth rendering ahead
NOTED_HERE = 10_000  # response keys this process remembers having noted

# scheme, host, path, query (delivery.response_cache's key) and the server port
Entry = tuple[str, str, str, str, str]

_noted_here: set[str] = set()


def note(key: str, entry: Entry) -> None:
    """Count a read of `entry`, stored under the response key `key`, once in this process."""
    if key in _noted_here or len(entry[3]) > LONGEST_QUERY:
        return
    if len(_noted_here) >= NOTED_HERE:
        _noted_here.clear()
    _noted_here.add(key)
    now = time.time()
    asked = _recent(cache.get(KEY) or {}, now)
    times, _ = asked.get(entry, (0, 0.0))
    asked[entry] = (times + 1, now)
    kept = sorted(asked.items(), key=_most_asked)[:KEPT]
    cache.set(KEY, dict(kept), FORGOTTEN_AFTER_SECONDS)


def most_asked(limit: int) -> list[Entry]:
    """The `limit` URLs noted most often (then most recently) within the last day."""
    asked = _recent(cache.get(KEY) or {}, time.time())
    return [entry for entry, _ in sorted(asked.items(), key=_most_asked)[:limit]]


def _recent(asked: dict, now: float) -> dict:
    return {
        entry: (times, last)
        for entry, (times, last) in asked.items()
        if now - last < FORGOTTEN_AFTER_SECONDS
    }


def _most_asked(item: tuple[Entry, tuple[int, float]]) -> tuple[int, float]:
    _, (times, last) = item
    return (-times, -last)
