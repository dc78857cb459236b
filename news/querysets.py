"""The one read path for stories: `NewsPage.objects.publishable(site=…).filtered(filters)`
(events extend `StoryQuerySet` the same way).

The API, the feeds, the listing and home pages, the sitemap and the newsletter all start
here, so a rule about which stories readers see, and in what order, lives in one place.
"""

from datetime import datetime

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from wagtail.models import PageManager, PageQuerySet, Site
from wagtail.search.backends import get_search_backend

from taggit.models import Tag

from .filters import NewsFilters, plain_words
from .snippets import Category, PartnerProject
from .visibility import publishable

NEWEST_FIRST = ("-date", "-published_at", "-pk")
# What listings, feeds and the API show of a story's projects.
PROJECT_FIELDS = (
    "acronym", "name", "slug", "website", "funding_programme", "grant_agreement",
    "acknowledgement", "logo",
)  # fmt: skip
# The site search ranks at most this many matches of each kind (listings take them all).
MAX_SEARCH_MATCHES = 1000


class StoryQuerySet(PageQuerySet):
    """The read path of any story page (news, events): visibility, classification."""

    default_order: tuple[str, ...] = ()
    # The column holding each page's publication moment (news.publication).
    published_field = "first_published_at"

    def publishable(self, *, site: Site | None, now: datetime | None = None):
        """What readers of `site` may see, in the default order, classification prefetched."""
        return (
            publishable(self, site=site, now=now)
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.only("name", "slug")),
                Prefetch("projects", queryset=PartnerProject.objects.only(*PROJECT_FIELDS)),
                Prefetch("tagged_items", queryset=self._tag_links()),
            )
            .order_by(*self.default_order)
        )

    def _tag_links(self):
        return self.model.tags.through.objects.select_related("tag")

    def classified(self, *, category=None, tag=None, project=None):
        queryset = self
        if category:
            queryset = queryset.filter(categories__slug=category)
        if tag:
            queryset = queryset.filter(tagged_items__tag__slug=tag)
        if project:
            queryset = queryset.filter(projects__slug=project)
        return queryset

    def matching(self, text: str):
        return matching(self, text)

    def published_between(self, since: datetime | None, until: datetime):
        """Pages whose publication moment is after `since` (exclusive), up to `until`."""
        queryset = self.filter(**{f"{self.published_field}__lte": until})
        if since is not None:
            queryset = queryset.filter(**{f"{self.published_field}__gt": since})
        return queryset

    def without_bodies(self):
        """Listings and cards never read the body; skip loading it."""
        return self.defer_streamfields()

    def used_tags(self):
        """Tags of these pages, for indexes that must name only what readers can reach."""
        return Tag.objects.filter(pk__in=self.values("tagged_items__tag")).order_by("name")


class NewsPageQuerySet(StoryQuerySet):
    default_order = NEWEST_FIRST
    published_field = "published_at"

    def related_to(self, page):
        """Other stories that share a category or a partner project with `page`."""
        shared = Q(categories__in=page.categories.all()) | Q(projects__in=page.projects.all())
        return self.filter(pk__in=self.model.objects.filter(shared).values("pk")).exclude(
            pk=page.pk
        )

    def filtered(self, filters: NewsFilters | None):
        if not filters:
            return self
        queryset = self.classified(
            category=filters.category, tag=filters.tag, project=filters.project
        )
        if filters.date_from:
            queryset = queryset.filter(date__gte=filters.date_from)
        if filters.date_to:
            queryset = queryset.filter(date__lte=filters.date_to)
        if filters.search:
            queryset = queryset.matching(filters.search)
        return queryset


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


def matching(queryset: QuerySet, text: str, *, operator: str = "and") -> QuerySet:
    """Rows of `queryset` whose indexed text has the words of `text`.

    Every search surface (API pages, images, documents, listings, the river) comes through
    here: the search backend sees only plain words, so no typed text can raise a database
    error, and the result is an ordinary queryset that counts and pages like any other.
    Every match counts (the search is a subquery, not a list of keys): a listing of the
    newest matches is the newest of all of them, whatever the size of the archive.
    """
    results = _search(queryset.model, text, operator=operator, ranked=False)
    if results is None:
        return queryset.none()
    return queryset.filter(pk__in=results.get_queryset().order_by().values("pk"))


def search_scores(
    model: type, text: str, *, operator: str = "and", limit: int = MAX_SEARCH_MATCHES
) -> dict[int, float]:
    """The primary keys of `model` rows matching the words of `text`, the best `limit`,
    each with its relevance (higher is better, comparable between models: one index, one
    ranking function). Only keys and scores are read, never the rows themselves."""
    results = _search(model, text, operator=operator, ranked=True)
    if results is None:
        return {}
    # SQLite's FTS5 ranks with bm25(), whose best matches are the most negative.
    sign = -1 if connection.vendor == "sqlite" else 1
    ranked = results.annotate_score("relevance")[:limit].get_queryset()
    return {pk: sign * (relevance or 0.0)
            for pk, relevance in ranked.values_list("pk", "relevance")}  # fmt: skip


def _search(model: type, text: str, *, operator: str, ranked: bool):
    """The database search backend's results for the plain words of `text` (None when it
    has none); `get_queryset()` of them is a queryset on both databases."""
    words = plain_words(text)
    if not words:
        return None
    return get_search_backend().search(
        words, model.objects.only("pk"), operator=operator, order_by_relevance=ranked
    )
