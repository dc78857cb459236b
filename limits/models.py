"""Rate-limit counters: one row per limit, key and window."""

from django.db import models


class RateCounter(models.Model):
    """Hits of one key (a client, a mailbox, a domain) in one fixed window of a limit.

    The key is stored as a keyed hash (HMAC with the secret key), never as the address
    it stands for: erasing a person leaves no trace of their address here.
    """

    limit_name = models.CharField(max_length=40)
    key_digest = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["limit_name", "key_digest", "window_start"], name="one_counter_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="limits_counter_window")]

    def __str__(self) -> str:
        return f"{self.limit_name} since {self.window_start:%Y-%m-%d %H:%M}: {self.hits}"
