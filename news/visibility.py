"""The one visibility rule: what any reader may see, whatever the output.

A page is publishable when it is live, has no view restriction on itself or an ancestor,
is not an alias, has not passed its expiry time (even before anything unpublishes it)
and belongs to the requested site. News, events, the sitemap and link resolution all
filter through `publishable()`; nothing else decides visibility.

Images and documents follow the same idea: only those in collections without a view
restriction are ever printed (`public_media()`); the media view enforces the rest.

This module is a leaf: it imports only Django and Wagtail.
"""

from collections.abc import Callable
from datetime import datetime
from functools import cache

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Revision, Site


@cache
def not_restricted() -> Exists:
    """True for pages with no view restriction on themselves or an ancestor.

    Wagtail's `.public()` gives the same answer but loads every restriction first (a query
    per call); as a correlated subquery the rule costs no extra round trip. Built once per
    process: Django copies an expression when it resolves it into a query.
    """
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restrictions)


def not_expired(now: datetime) -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now)


def is_expired(page: Page, now: datetime | None = None) -> bool:
    """The same expiry rule for one page in memory (the HTML view serving it)."""
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def publishable(queryset: QuerySet, *, site: Site | None, now: datetime | None = None):
    """Narrow any page queryset to what readers of `site` may see (every site if None)."""
    now = now or timezone.now()
    queryset = (
        queryset.filter(live=True)
        .filter(not_restricted())
        # "Not an alias", written so the database cannot answer it from the alias_of
        # index: otherwise SQLite scans every page through that index and sorts them all,
        # instead of walking a listing index and stopping after a page of results.
        .alias(alias_or_zero=Coalesce("alias_of", Value(0)))
        .filter(alias_or_zero=0)
        .filter(not_expired(now))
    )
    if site is not None:
        queryset = queryset.in_site(site)
    return queryset


MomentSource = Callable[[datetime], QuerySet]
_moment_sources: list[MomentSource] = []


def register_moments(source: MomentSource) -> MomentSource:
    """Name more moments when time alone changes what readers see (an event ending
    leaves the upcoming list): `source(now)` gives a flat `values_list` of the future ones."""
    _moment_sources.append(source)
    return source


def next_scheduled_change(now: datetime | None = None) -> datetime | None:
    """The next moment time alone changes what readers see: a go-live, an expiry, or a
    moment an app registered. Cached answers must not outlive it.

    One query over short, indexed sets.
    """
    now = now or timezone.now()
    go_live = Revision.objects.filter(approved_go_live_at__gt=now).order_by()
    expiry = Page.objects.filter(live=True, expire_at__gt=now).order_by()
    moments = go_live.values_list("approved_go_live_at", flat=True).union(
        expiry.values_list("expire_at", flat=True),
        *(source(now).order_by() for source in _moment_sources),
    )
    return moments.order_by("approved_go_live_at").first()


@cache
def in_public_collection() -> Exists:
    """True for images and documents whose collection (or an ancestor) has no restriction."""
    restrictions = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
    )
    return ~Exists(restrictions)


def public_media(queryset: QuerySet) -> QuerySet:
    """Images or documents any reader may download; the rest are never printed anywhere."""
    return queryset.filter(in_public_collection())
