"""Scheduled publishing that needs no cron to be on time.

Wagtail makes a scheduled revision live only when `publish_scheduled` runs. Readers of
the API and the feeds should see a story at its go-live time regardless, so the read
path calls `publish_due_news()` on a cache miss: one indexed query when nothing is due,
and Wagtail's own `Revision.publish()` (signals, logging, cache invalidation) when
something is. A cache lock keeps concurrent workers from publishing the same revision
twice. Expiry needs no write: the selector hides pages past `expire_at`.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from wagtail.models import Revision

from .models import NewsPage

LOCK_KEY = "news:publish-due-lock"
LOCK_SECONDS = 60


def publish_due_news(now: datetime | None = None) -> datetime | None:
    """Publish news revisions whose go-live time has passed; return the next go-live time."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(NewsPage)
    pending = Revision.objects.filter(content_type=content_type, approved_go_live_at__isnull=False)
    next_go_live = pending.aggregate(next=Min("approved_go_live_at"))["next"]
    if next_go_live is None or next_go_live > now:
        return next_go_live
    if cache.add(LOCK_KEY, "1", LOCK_SECONDS):
        try:
            for revision in pending.filter(approved_go_live_at__lte=now).order_by(
                "approved_go_live_at"
            ):
                revision.publish(log_action="wagtail.publish.scheduled")
        finally:
            cache.delete(LOCK_KEY)
    return pending.filter(approved_go_live_at__gt=now).aggregate(next=Min("approved_go_live_at"))[
        "next"
    ]


def next_expiry(now: datetime | None = None) -> datetime | None:
    """When the next live news page expires (the selector hides it from then on)."""
    now = now or timezone.now()
    upcoming = NewsPage.objects.filter(live=True, expire_at__gt=now)
    return upcoming.aggregate(next=Min("expire_at"))["next"]
