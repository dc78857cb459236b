"""The worker fetches due sources every minute; one failing source never stops the rest."""

import logging
from datetime import timedelta

from django.utils import timezone

from django_tasks import task

from worker import clock

from .models import FeedSource
from .refresh import refresh

logger = logging.getLogger(__name__)
SOURCES_PER_RUN = 100


def due_sources():
    return FeedSource.objects.filter(active=True, next_fetch_at__lte=timezone.now())


@task()
def fetch_due_sources() -> dict[str, str]:
    outcomes = {}
    for source in (
        due_sources().select_related("project").order_by("next_fetch_at")[:SOURCES_PER_RUN]
    ):
        try:
            outcomes[source.url] = refresh(source)
        except Exception:  # a bug met by one feed must not starve the others
            logger.exception("refreshing %s failed", source.url)
            FeedSource.objects.filter(pk=source.pk).update(
                consecutive_errors=source.consecutive_errors + 1,
                next_fetch_at=timezone.now() + timedelta(minutes=source.every_minutes),
                last_status="error: unexpected failure (see the worker's log)",
            )
            outcomes[source.url] = "unexpected failure"
    return outcomes


clock.register(
    clock.Periodic(
        name="network-fetch",
        every=lambda: timedelta(minutes=1),
        task=fetch_due_sources,
        due=lambda: due_sources().exists(),
    )
)
