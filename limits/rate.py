"""Fixed-window rate limits in the shared cache, so a limit holds across processes."""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` hits per `window` seconds for one key (a client, an address)."""

    name: str
    limit: int
    window: int

    def _key(self, key: str) -> str:
        return f"rate:{self.name}:{key}"

    def exceeded(self, key: str) -> bool:
        return (cache.get(self._key(key)) or 0) >= self.limit

    def hit(self, key: str) -> None:
        cache_key = self._key(key)
        cache.add(cache_key, 0, self.window)
        try:
            cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, self.window)

    def take(self, key: str) -> bool:
        """Count one hit unless the limit is reached; False when it is."""
        if self.exceeded(key):
            return False
        self.hit(key)
        return True
