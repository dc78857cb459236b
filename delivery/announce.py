"""What a change to a story touches outside this server: the feeds that list it (for the
WebSub hub) and every URL a frontend cache may hold (page, API, feeds, calendars,
sitemap)."""

from dataclasses import dataclass

from django.urls import reverse

from wagtail.models import Page, Revision

from events.models import EventPage
from feeds.links import (
    FORMATS,
    calendar_path,
    event_calendar_path,
    events_feed_set,
    feed_links_for_page,
    site_feed_links,
)
from news.models import StoryPage
from news.references import site_root_url

API_LISTINGS = ("", "?type=news.NewsPage", "?type=events.EventPage")


@dataclass(frozen=True)
class Change:
    feed_urls: list[str]
    purge_urls: list[str]


def change_of(page: StoryPage, revision: Revision | None = None) -> Change:
    """The feeds and calendars a story is in now and was in before this revision (an
    edit can move it out of a category), and the URLs around it: its listing page and
    the home page list it too."""
    base_url = site_root_url(page=page)
    feed_urls: set[str] = set()
    calendar_urls: set[str] = set()
    for version in (page, _previous(page, revision)):
        if version is not None:
            feed_urls |= _feeds_of(version, base_url)
            calendar_urls |= {base_url + path for path in _calendars_of(version)}
    listing = reverse("wagtailapi_v2:pages:listing")
    purge_urls = {
        page.get_full_url(),
        _listing_url(page),
        base_url + "/",
        base_url + reverse("wagtailapi_v2:pages:detail", args=[page.pk]),
        *(base_url + listing + query for query in API_LISTINGS),
        base_url + reverse("sitemap"),
        base_url + reverse("feeds:index"),
        base_url + reverse("feeds:opml"),
        *feed_urls,
        *calendar_urls,
    }
    return Change(sorted(feed_urls), sorted(url for url in purge_urls if url))


def _listing_url(page: StoryPage) -> str | None:
    parent = page.get_parent()
    return parent.get_full_url() if parent is not None else None


def _feeds_of(page: StoryPage, base_url: str) -> set[str]:
    if isinstance(page, EventPage):
        return {link["url"] for link in events_feed_set(base_url=base_url)}
    urls = {link["url"] for link in site_feed_links(base_url=base_url)}
    for scope in feed_links_for_page(page, base_url=base_url):
        urls.update(scope["urls"][fmt] for fmt in FORMATS)
    return urls


def _calendars_of(page: StoryPage) -> set[str]:
    if not isinstance(page, EventPage):
        return set()
    classified = page.classification
    return {
        calendar_path(),
        event_calendar_path(page.slug),
        *(calendar_path("category", category.slug) for category in classified.categories),
        *(calendar_path("project", project.slug) for project in classified.projects),
    }


def _previous(page: StoryPage, revision: Revision | None) -> Page | None:
    if revision is None:
        return None
    try:
        return revision.get_previous().as_object()
    except Revision.DoesNotExist:
        return None
