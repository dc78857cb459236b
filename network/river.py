"""The river: the hub's own published news and its partners' items, newest first, as one
read path with one representation.

Both halves come from their read paths (`NewsPage.objects.publishable`, `NetworkItem.
objects.visible`) with the same filters meaning the same thing, and are ordered by the
one publication moment (a story's `published_at`, news.publication; an item's
`published_at`). A page of the river takes the newest `offset + limit` of each and merges
them, so its cost does not grow with what is stored.

Every output (the `/network/` page, `/api/v2/network/`, the river feeds and through the
API the widget) renders the `RiverEntry` made here and nothing else: titles and
summaries are plain text, content is sanitised HTML, every address has passed the one
http/https rule, and every id is an absolute IRI that stays the same on every fetch.
"""

import heapq
import re
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, time

from django.utils import timezone

from wagtail.models import Site

from news.filters import NewsFilters
from news.models import NewsPage
from news.querysets import matching
from news.references import References
from news.sanitize import clean_html, safe_web_url
from news.snippets import PartnerProject
from news.tally import visible_total

from .models import FeedSource, NetworkItem

# The news filters that mean something for partner items too (they have no tags).
FILTER_PARAMETERS = frozenset({"project", "category", "date_from", "date_to", "search"})
MAX_OFFSET = 1000
# The namespace of the ids the hub gives partner items whose own id is not an IRI.
ITEM_ID_NAMESPACE = uuid.UUID("6f1c7d2e-3b0a-5c8e-9d4f-2a7b1e6c0d93")
# An absolute IRI as feed validators accept it: a scheme, then no space, control
# character or character RFC 3987 excludes.
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$")


@dataclass(frozen=True)
class RiverSource:
    """Where an entry came from: a partner's feed, or the hub itself (no feed_url)."""

    name: str
    home_url: str
    feed_url: str = ""
    updated: datetime | None = None  # when the source last changed what it publishes


@dataclass(frozen=True)
class RiverEntry:
    """One entry of the river as every output shows it."""

    kind: str  # "news.NewsPage" or "network.NetworkItem"
    id: str  # an absolute IRI, the same in every output and on every fetch
    title: str  # plain text
    url: str  # http or https
    summary: str  # plain text
    published: datetime
    updated: datetime
    source: RiverSource
    projects: tuple[PartnerProject, ...]
    categories: tuple[str, ...]
    content_html: str = ""  # a partner item's sanitised content; a story's is its body
    image_url: str = ""
    story: NewsPage | None = None
    item: NetworkItem | None = None


@dataclass(frozen=True)
class RiverSlice:
    entries: list[RiverEntry]
    refs: References  # the stories' references, for outputs that also show their bodies


def item_iri(item: NetworkItem) -> str:
    """The partner's own id when it is an absolute IRI, else a `urn:uuid:` of ours made
    from the source and that id, so it is stable across fetches and outputs."""
    if ABSOLUTE_IRI.match(item.original_id):
        return item.original_id
    return uuid.uuid5(ITEM_ID_NAMESPACE, f"{item.source_id}\n{item.original_id}").urn


def _moment_range(queryset, filters: NewsFilters):
    """`date_from` and `date_to` as days of the publication moment in the site's zone."""
    zone = timezone.get_current_timezone()
    if filters.date_from:
        queryset = queryset.filter(
            published_at__gte=datetime.combine(filters.date_from, time.min, zone)
        )
    if filters.date_to:
        queryset = queryset.filter(
            published_at__lte=datetime.combine(filters.date_to, time.max, zone)
        )
    return queryset


def stories(site: Site, filters: NewsFilters, *, bodies: bool = False):
    undated = replace(filters, date_from=None, date_to=None)
    queryset = NewsPage.objects.publishable(site=site).filtered(undated)
    queryset = _moment_range(queryset if bodies else queryset.without_bodies(), filters)
    return queryset.order_by("-published_at", "-pk")


def items(filters: NewsFilters):
    """Partner items on the same filters as stories: a project, a category (by slug), days
    of publication, and search as for stories (the site's search index: every word, in
    any of its forms, in the title, summary or text)."""
    queryset = NetworkItem.objects.visible()
    if filters.project:
        queryset = queryset.filter(source__project__slug=filters.project)
    if filters.category:
        queryset = queryset.filter(category_slugs__contains=f" {filters.category} ")
    if filters.search:
        queryset = matching(queryset, filters.search)
    return _moment_range(queryset, filters)


def river(
    site: Site,
    filters: NewsFilters,
    *,
    limit: int,
    offset: int = 0,
    bodies: bool = False,
    hub_name: str = "",
) -> RiverSlice:
    """Entries `offset` to `offset + limit`; `hub_name` names the hub as its stories'
    source (the organisation in the site settings; the site's name by default)."""
    wanted = offset + limit
    own = list(stories(site, filters, bodies=bodies)[:wanted])
    refs = References.for_pages(own, base_url=site.root_url)
    hub = RiverSource(name=hub_name or site.site_name, home_url=site.root_url + "/")
    merged = heapq.merge(
        [story_entry(story, refs, hub) for story in own],
        [item_entry(item) for item in items(filters)[:wanted]],
        key=lambda entry: entry.published,
        reverse=True,
    )
    return RiverSlice(list(merged)[offset:wanted], refs)


def river_count(site: Site, filters: NewsFilters, *, at_most: int | None = None) -> int:
    """How many entries the river has; with `at_most`, each kind is read no further than
    that (a page that shows no more needs no more: the caller caps the sum). The hub's own
    stories, unfiltered, come from the live-page tally (news.tally)."""
    own = (
        stories(site, filters).order_by()[:at_most].count()
        if filters
        else visible_total(NewsPage, site=site)
    )
    # Unordered and without the joins a page needs, a count stops at its `at_most`th
    # row (ordered, it sorted every item first: 63 ms at 50,000).
    return own + items(filters).select_related(None).order_by()[:at_most].count()


def story_entry(story: NewsPage, refs: References, hub: RiverSource) -> RiverEntry:
    published = story.published
    classification = story.classification
    return RiverEntry(
        kind="news.NewsPage",
        id=story.feed_id,
        title=story.title,
        url=refs.full_url(story),
        summary=story.summary,
        published=published,
        updated=max(story.last_published_at or published, published),
        source=hub,
        projects=classification.projects,
        categories=tuple(c.name for c in classification.categories),
        story=story,
    )


def item_entry(item: NetworkItem) -> RiverEntry:
    source: FeedSource = item.source
    project = source.project
    feed_url = safe_web_url(source.url)
    link = safe_web_url(item.link)
    return RiverEntry(
        kind="network.NetworkItem",
        id=item_iri(item),
        title=item.title,
        url=link,
        summary=item.summary,
        published=item.published_at,
        updated=max(item.updated_at, item.published_at),
        source=RiverSource(
            name=source.name,
            home_url=safe_web_url(project.website) or feed_url,
            feed_url=feed_url,
            updated=max(source.items_changed_at or item.updated_at, item.updated_at),
        ),
        projects=(project,),
        categories=tuple(item.categories),
        content_html=clean_html(item.content, base_url=link),
        image_url=safe_web_url(item.image_url),
        item=item,
    )
