"""Jobs of the HTTP surface, run by the worker."""

import logging

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from django_tasks import task

from feeds.websub import HubError, notify_hub
from worker.retry import retry_later

logger = logging.getLogger(__name__)


@task()
def announce_change(feed_urls: list[str], purge_urls: list[str], attempt: int = 1) -> dict:
    """Purge the frontend cache (first attempt only: Wagtail's backends log their own
    failures), then tell the WebSub hub; a hub that fails is asked again with backoff."""
    outcome = {"attempt": attempt, "purged": 0, "hub": None}
    if attempt == 1 and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(purge_urls)
        outcome["purged"] = len(purge_urls)
    if settings.WEBSUB_HUB_URL:
        try:
            outcome["hub"] = notify_hub(settings.WEBSUB_HUB_URL, feed_urls)
        except HubError:
            retry_later(
                announce_change,
                attempt=attempt,
                max_attempts=settings.WEBSUB_MAX_ATTEMPTS,
                base=settings.WEBSUB_RETRY_SECONDS,
                cap=settings.WEBSUB_RETRY_SECONDS * 64,
                feed_urls=feed_urls,
                purge_urls=[],
            )
            raise
    return outcome
