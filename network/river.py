"""The river: the hub's own published news and its partners' items, newest first.

Both come from their read paths (`NewsPage.objects.publishable`, `NetworkItem.objects.
visible`); a page of the river takes the newest `offset + limit` of each and merges them,
so its cost does not grow with what is stored.
"""

import heapq
from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from news.filters import NewsFilters, plain_words
from news.models import NewsPage

from .models import NetworkItem

# The news filters that mean something for partner items too (they have no tags).
FILTER_PARAMETERS = frozenset({"project", "category", "date_from", "date_to", "search"})
MAX_OFFSET = 1000


@dataclass(frozen=True)
class RiverEntry:
    moment: datetime
    story: NewsPage | None = None
    item: NetworkItem | None = None


def stories(site: Site, filters: NewsFilters, *, bodies: bool = False):
    queryset = NewsPage.objects.publishable(site=site).filtered(filters)
    queryset = queryset if bodies else queryset.without_bodies()
    return queryset.order_by("-published_at", "-pk")


def items(filters: NewsFilters):
    queryset = NetworkItem.objects.visible()
    if filters.project:
        queryset = queryset.filter(source__project__slug=filters.project)
    if filters.category:
        queryset = queryset.filter(category_slugs__contains=f" {filters.category} ")
    zone = timezone.get_current_timezone()
    if filters.date_from:
        queryset = queryset.filter(
            published_at__gte=datetime.combine(filters.date_from, time.min, zone)
        )
    if filters.date_to:
        queryset = queryset.filter(
            published_at__lte=datetime.combine(filters.date_to, time.max, zone)
        )
    for word in plain_words(filters.search or "").split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return queryset


def river(
    site: Site, filters: NewsFilters, *, limit: int, offset: int = 0, bodies: bool = False
) -> list[RiverEntry]:
    wanted = offset + limit
    own = [RiverEntry(s.published_at or s.first_published_at, story=s)
           for s in stories(site, filters, bodies=bodies)[:wanted]]  # fmt: skip
    theirs = [RiverEntry(i.published_at, item=i) for i in items(filters)[:wanted]]
    merged = heapq.merge(own, theirs, key=lambda entry: entry.moment, reverse=True)
    return list(merged)[offset:wanted]


def river_count(site: Site, filters: NewsFilters) -> int:
    return stories(site, filters).count() + items(filters).count()
