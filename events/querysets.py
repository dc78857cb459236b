"""The read path of events: `EventPage.objects.publishable(site=…).filtered(filters)`.

Publishable means exactly what it means for news (one rule, `news.visibility`); the
order is by the event's own time: soonest first, or newest first for the archive.
"""

from datetime import datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from wagtail.models import PageManager, Site

from news.models import NewsPage
from news.querysets import StoryQuerySet

from .filters import EventFilters

SOONEST_FIRST = ("starts_at", "pk")
LATEST_FIRST = ("-starts_at", "-pk")


class EventPageQuerySet(StoryQuerySet):
    default_order = SOONEST_FIRST

    def upcoming(self, now: datetime | None = None):
        """Events that have not ended (one in progress included), soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by(*SOONEST_FIRST)

    def past(self, now: datetime | None = None):
        """Events that have ended, the latest first."""
        return self.filter(ends_at__lte=now or timezone.now()).order_by(*LATEST_FIRST)

    def with_stories(self, site: Site | None):
        """Each event's published stories (`EventPage.stories()`) in one query for all."""
        stories = NewsPage.objects.publishable(site=site).without_bodies()
        return self.prefetch_related(
            Prefetch("news_stories", queryset=stories, to_attr="visible_stories")
        )

    def filtered(self, filters: EventFilters | None, now: datetime | None = None):
        if not filters:
            return self
        queryset = self.classified(
            category=filters.category, tag=filters.tag, project=filters.project
        )
        if filters.upcoming:
            queryset = queryset.upcoming(now)
        if filters.past:
            queryset = queryset.past(now)
        if filters.format:
            queryset = queryset.filter(format=filters.format)
        zone = timezone.get_current_timezone()
        if filters.starts_after:
            start = datetime.combine(filters.starts_after, time.min, zone)
            queryset = queryset.filter(starts_at__gte=start)
        if filters.starts_before:
            end = datetime.combine(filters.starts_before, time.max, zone)
            queryset = queryset.filter(starts_at__lte=end)
        return queryset


EventPageManager = PageManager.from_queryset(EventPageQuerySet)
