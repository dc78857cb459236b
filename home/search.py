"""The site's search: stories, events and partner news in one list, best match first.

Each kind is matched in the site's search index (`news.querysets.search_scores`: the
stemming and ranking of PostgreSQL's full-text search, or SQLite's FTS5 with Porter) and
then passes its own read path with the reader's filters, so a result is exactly what the
listing, the events page or the river would show. The three share one index and one
ranking function, so their scores are merged as they are; equal scores go newest first.
Only the page of results shown is loaded and quoted.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.safestring import SafeString

from wagtail.models import Site

from events.filters import EventFilters
from events.models import EventPage
from network.models import NetworkItem
from network.river import items as river_items
from news.filters import NewsFilters
from news.highlight import snippet
from news.models import NewsPage
from news.querysets import search_scores
from news.references import References

# What a reader may narrow the search to ("" searches everything).
KINDS = {"updates": "Updates", "events": "Events", "network": "Partner news"}
# A title is quoted whole, its searched words marked.
TITLE_LENGTH = 500


@dataclass(frozen=True)
class Match:
    kind: str
    pk: int
    relevance: float
    moment: datetime


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    url: str
    title: SafeString
    snippet: SafeString
    moment: datetime
    projects: tuple[str, ...]
    source: str = ""  # partner news: the project's site it comes from


def parse_kind(raw: str | None) -> str:
    """One of KINDS, or "" (everything) for anything else: a typed address never errors."""
    return raw if raw in KINDS else ""


def ranked(site: Site, filters: NewsFilters, kind: str = "") -> list[Match]:
    """Every match the reader may see, best first."""
    if not filters.search:
        return []
    narrowed = replace(filters, search=None)
    matches: list[Match] = []
    if kind in ("", "updates"):
        scores = search_scores(NewsPage, filters.search)
        rows = (NewsPage.objects.publishable(site=site).filtered(narrowed)
                .filter(pk__in=scores).values_list("pk", "published_at"))  # fmt: skip
        matches += [Match("updates", pk, scores[pk], moment) for pk, moment in rows]
    if kind in ("", "events"):
        scores = search_scores(EventPage, filters.search)
        # The search's days are the days an event starts on.
        as_events = EventFilters(category=filters.category, tag=filters.tag,
                                 project=filters.project, starts_after=filters.date_from,
                                 starts_before=filters.date_to)  # fmt: skip
        rows = EventPage.objects.publishable(site=site).filtered(as_events).filter(pk__in=scores)
        matches += [Match("events", pk, scores[pk], moment)
                    for pk, moment in rows.values_list("pk", "starts_at")]  # fmt: skip
    if kind in ("", "network") and not filters.tag:
        scores = search_scores(NetworkItem, filters.search)
        rows = river_items(narrowed).filter(pk__in=scores).values_list("pk", "published_at")
        matches += [Match("network", pk, scores[pk], moment) for pk, moment in rows]
    return sorted(matches, key=lambda m: (-m.relevance, -m.moment.timestamp(), m.kind))


def hits(matches: Sequence[Match], site: Site, search: str) -> list[Hit]:
    """The page of results shown: each match loaded (one query per kind) and quoted."""
    wanted = {kind: [m.pk for m in matches if m.kind == kind] for kind in KINDS}
    pages = {
        **NewsPage.objects.filter(pk__in=wanted["updates"]).prefetch_related("projects").in_bulk(),
        **EventPage.objects.filter(pk__in=wanted["events"]).prefetch_related("projects").in_bulk(),
    }
    items = NetworkItem.objects.select_related("source__project").in_bulk(wanted["network"])
    refs = References.for_pages([], base_url=site.root_url)
    found = []
    for match in matches:
        if match.kind == "network":
            item = items[match.pk]
            found.append(Hit(
                kind="network", label="Partner news", url=item.link,
                title=snippet(item.title, search, length=TITLE_LENGTH),
                snippet=snippet(f"{item.summary} {item.text()}".strip(), search),
                moment=item.published_at, projects=(item.source.project.acronym,),
                source=item.source.project.website,
            ))  # fmt: skip
            continue
        page = pages[match.pk]
        found.append(Hit(
            kind=match.kind, label="Event" if match.kind == "events" else "Update",
            url=refs.full_url(page), title=snippet(page.title, search, length=TITLE_LENGTH),
            snippet=snippet(_searchable_text(page), search), moment=match.moment,
            projects=tuple(project.acronym for project in page.projects.all()),
        ))  # fmt: skip
    return found


def _searchable_text(page) -> str:
    """A story's or event's text as the search index holds it: summary, then the body."""
    body = type(page)._meta.get_field("body").get_searchable_content(page.body)
    return " ".join([page.summary, *body]).strip()
