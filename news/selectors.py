"""The one read path for publishable news: API, feeds, sitemap and listings all use it.

Visibility rules live here and nowhere else: live, public (no view restriction), not an
alias, in the requested site, and not expired even before `publish_scheduled` has run.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone

from wagtail.models import PageQuerySet, PageViewRestriction, Site

from .filters import NewsFilters
from .models import NewsPage, NewsPageTag

NEWS_ORDERING = ("-date", "-published_at", "-pk")
# Search narrows the listing to at most this many matches before the other filters apply.
MAX_SEARCH_MATCHES = 1000


def not_restricted() -> Exists:
    """True for pages with no view restriction on themselves or an ancestor.

    Wagtail's `.public()` gives the same answer but loads every restriction first (a query
    per call); as a correlated subquery the rule costs no extra round trip.
    """
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restrictions)


def visible_pages(queryset: PageQuerySet, *, site: Site | None, now: datetime | None = None):
    """Apply the visibility rules to any page queryset (news or not)."""
    now = now or timezone.now()
    queryset = (
        queryset.live()
        .filter(not_restricted())
        # "Not an alias", written so the database cannot answer it from the alias_of
        # index: otherwise SQLite scans every page through that index and sorts them all,
        # instead of walking the listing index and stopping after a page of results.
        .alias(alias_or_zero=Coalesce("alias_of", Value(0)))
        .filter(alias_or_zero=0)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )
    if site is not None:
        queryset = queryset.in_site(site)
    return queryset


def news_pages(
    *,
    site: Site | None,
    filters: NewsFilters | None = None,
    with_body: bool = True,
    now: datetime | None = None,
) -> PageQuerySet:
    """Publishable news pages, newest first, with their classification prefetched."""
    queryset = visible_pages(NewsPage.objects.all(), site=site, now=now)
    if filters:
        queryset = apply_filters(queryset, filters)
    queryset = queryset.select_related("hero_image").prefetch_related(
        "categories",
        "projects",
        Prefetch("tagged_items", queryset=NewsPageTag.objects.select_related("tag")),
    )
    if not with_body:
        queryset = queryset.defer_streamfields()
    return queryset.order_by(*NEWS_ORDERING)


def apply_filters(queryset: PageQuerySet, filters: NewsFilters) -> PageQuerySet:
    if filters.category:
        queryset = queryset.filter(categories__slug=filters.category)
    if filters.tag:
        queryset = queryset.filter(tagged_items__tag__slug=filters.tag)
    if filters.project:
        queryset = queryset.filter(projects__slug=filters.project)
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lte=filters.date_to)
    if filters.search:
        matching = NewsPage.objects.search(filters.search, order_by_relevance=False)
        queryset = queryset.filter(pk__in=[page.pk for page in matching[:MAX_SEARCH_MATCHES]])
    return queryset
