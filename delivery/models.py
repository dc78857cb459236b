"""The content versions, held in the database so that no change can be lost."""

from django.db import models


class ContentVersion(models.Model):
    """One counter per scope of cached answers ("everything", "river"). A change bumps
    its scope's counter in the change's own transaction, so the bump commits with the
    change or not at all, from any process, whether or not the shared cache is reachable;
    cached answers are stored under the counters they were computed at.

    `warmed` is the counter whose answers the worker has rendered ahead (delivery.warming):
    until it catches up, other processes may keep serving the previous counter's answers,
    for CONTENT_VERSION_WARM_SECONDS at most (delivery.versions)."""

    scope = models.CharField(max_length=20, primary_key=True)
    counter = models.BigIntegerField(default=1)
    warmed = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope}: {self.counter}"
