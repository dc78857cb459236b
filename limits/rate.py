"""Fixed-window rate limits counted in the database: atomic, shared by every process,
and as available as the site itself.

The limits guard against abuse (password guesses, mails sent to strangers), so they must
hold when the shared cache does not: counted in Redis they stopped counting while Redis
was away. Each hit is one atomic increment of a row, and the decision is taken on the
count that increment produced, so concurrent requests cannot all slip under the limit
(24 concurrent guesses against a limit of 5 were all evaluated with check-then-count).
Without the database nothing is counted and nothing is served either: limits fail closed.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateCounter


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` hits per `window` seconds for one key (a client, an address)."""

    name: str
    limit: int
    window: int

    def take(self, key: str) -> bool:
        """Count one hit; False when it is over the limit (the hit still counts)."""
        return self._add(key, 1) <= self.limit

    def give_back(self, key: str) -> None:
        """Uncount a hit that turned out to be harmless (a right password)."""
        self._rows(key).filter(hits__gt=0).update(hits=F("hits") - 1)

    def refusal(self, message: str) -> HttpResponse:
        """The 429 a page answers over this limit, saying when to try again."""
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(self.retry_after())
        return response

    def retry_after(self) -> int:
        """Seconds until the current window ends."""
        now = int(timezone.now().timestamp())
        return max(1, self.window - now % self.window)

    def _window_start(self) -> datetime:
        """Whole seconds: every request in a window must name the very same row."""
        now = int(timezone.now().timestamp())
        return datetime.fromtimestamp(now - now % self.window, tz=UTC)

    def _digest(self, key: str) -> str:
        return salted_hmac("limits.rate", f"{self.name}\x1f{key}").hexdigest()

    def _counter(self, key: str) -> dict:
        """The row's identity, worked out once: a window boundary passed between two
        readings would otherwise name two rows."""
        return {"limit_name": self.name, "key_digest": self._digest(key),
                "window_start": self._window_start()}  # fmt: skip

    def _rows(self, key: str):
        return RateCounter.objects.filter(**self._counter(key))

    def _add(self, key: str, amount: int) -> int:
        counter = self._counter(key)
        rows = RateCounter.objects.filter(**counter)
        with transaction.atomic():
            if not rows.update(hits=F("hits") + amount):
                try:
                    with transaction.atomic():
                        RateCounter.objects.create(**counter, hits=amount)
                except IntegrityError:  # another request created it first
                    rows.update(hits=F("hits") + amount)
            # The row stays locked until this transaction ends, so this is our own count.
            return rows.values_list("hits", flat=True).get()
