"""Which story, event or project a counted address concerns, decided when the worker
writes the counts (reach.flush), so a story renamed or moved later keeps its reads.

- a web page: the page at that path on the default site (a story, an event, a listing);
- an API item (`/api/v2/pages/<id>/`; partner sites' reads are counted by endpoint,
  `reach.classify.counted_path`, so only reads without an origin name an item): that page;
- an event's calendar (`/events/<slug>.ics`): that event;
- a project's feed or calendar (`/feeds/projects/<slug>.<format>`,
  `/feeds/network/projects/<slug>.<format>`, `/events/projects/<slug>.ics`): that project.

A story's or event's projects are read when a report is made (news.NewsPage.projects,
events.EventPage.projects): reads of a story count for the projects it is about.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wagtail.models import Page

from events.models import EventPage
from news.references import default_site
from news.snippets import PartnerProject

API_ITEM = re.compile(r"^/api/v2/pages/(\d{1,10})/$")
EVENT_CALENDAR = re.compile(r"^/events/([-\w]{1,255})\.ics$")
PROJECT_ADDRESS = re.compile(
    r"^/(?:feeds/projects|feeds/network/projects|events/projects)/([-\w]{1,80})\.\w{1,8}$"
)


@dataclass(frozen=True)
class Concerns:
    page_id: int | None = None
    project_id: int | None = None


NOTHING = Concerns()


def attribute(addresses: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Concerns]:
    """(channel, path) → what it concerns, for every address given; three queries at most
    whatever their number."""
    addresses = set(addresses)
    site = default_site()
    pages = _pages(site, {path for channel, path in addresses if channel == "page"})
    events = _events_by_slug(site, {
        match.group(1) for channel, path in addresses
        if channel == "calendar" and (match := EVENT_CALENDAR.match(path))
    })  # fmt: skip
    projects = _projects({
        match.group(1) for _, path in addresses if (match := PROJECT_ADDRESS.match(path))
    })  # fmt: skip
    concerns = {}
    for channel, path in addresses:
        found = NOTHING
        if channel == "page":
            found = Concerns(page_id=pages.get(path))
        elif channel == "api" and (match := API_ITEM.match(path)):
            found = Concerns(page_id=int(match.group(1)))
        elif (match := PROJECT_ADDRESS.match(path)) and match.group(1) in projects:
            found = Concerns(project_id=projects[match.group(1)])
        elif channel == "calendar" and (match := EVENT_CALENDAR.match(path)):
            found = Concerns(page_id=events.get(match.group(1)))
        concerns[(channel, path)] = found
    return concerns


def _pages(site, paths: set[str]) -> dict[str, int]:
    if not paths or site is None:
        return {}
    root = site.root_page.url_path.rstrip("/")
    wanted = {root + path: path for path in paths if path.startswith("/")}
    return {
        wanted[url_path]: pk
        for pk, url_path in Page.objects.filter(url_path__in=wanted).values_list("pk", "url_path")
    }


def _events_by_slug(site, slugs: set[str]) -> dict[str, int]:
    """Events of the default site by slug (its calendar addresses), never an alias."""
    if not slugs or site is None:
        return {}
    events = EventPage.objects.descendant_of(site.root_page).filter(alias_of=None)
    return dict(events.filter(slug__in=slugs).values_list("slug", "pk"))


def _projects(slugs: set[str]) -> dict[str, int]:
    if not slugs:
        return {}
    return dict(PartnerProject.objects.filter(slug__in=slugs).values_list("slug", "pk"))
