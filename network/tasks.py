"""The worker fetches due sources every minute, in a lane of its own.

Fetching runs on the worker's `network` queue, which `run_worker` serves from a thread of
its own: however long partners take, the hub's own jobs (scheduled publishing, expiry,
digests, WebSub pings, purges) run beside it, never behind it. Within a run, up to
NETWORK_FETCH_CONCURRENCY sources download at once (network only, no database), so 17
sources that all stall cost about ceil(17 / concurrency) deadlines, not 17; what they
bring is then parsed and stored one source at a time. One failing source never stops the
rest.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from worker import clock

from .models import FeedSource
from .refresh import download, record

logger = logging.getLogger(__name__)
SOURCES_PER_RUN = 100
QUEUE = "network"


def due_sources():
    return FeedSource.objects.filter(active=True, next_fetch_at__lte=timezone.now())


@task(queue_name=QUEUE)
def fetch_due_sources() -> dict[str, str]:
    sources = list(
        due_sources().select_related("project").order_by("next_fetch_at")[:SOURCES_PER_RUN]
    )
    outcomes = {}
    with ThreadPoolExecutor(max_workers=settings.NETWORK_FETCH_CONCURRENCY) as pool:
        downloads = pool.map(download, sources)
        for source, fetched in zip(sources, downloads, strict=True):
            try:
                outcomes[source.url] = record(source, fetched)
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
