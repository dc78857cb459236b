"""What a change to a story touches outside this server: the feeds that list it (for the
WebSub hub) and every URL a frontend cache may hold (page, API, feeds, sitemap)."""

from dataclasses import dataclass

from django.urls import reverse

from wagtail.models import Page, Revision

from feeds.links import FORMATS, feed_links_for_page, site_feed_links
from news.models import NewsPage
from news.references import site_root_url

API_LISTINGS = ("", "?type=news.NewsPage")


@dataclass(frozen=True)
class Change:
    feed_urls: list[str]
    purge_urls: list[str]


def change_of(page: NewsPage, revision: Revision | None = None) -> Change:
    """The feeds a story is in now and was in before this revision (an edit can move it
    out of a category), and the URLs around it."""
    base_url = site_root_url(page=page)
    feed_urls = {link["url"] for link in site_feed_links(base_url=base_url)}
    for version in (page, _previous(page, revision)):
        if version is not None:
            for scope in feed_links_for_page(version, base_url=base_url):
                feed_urls.update(scope["urls"][fmt] for fmt in FORMATS)
    listing = reverse("wagtailapi_v2:pages:listing")
    purge_urls = {
        page.get_full_url(),
        base_url + reverse("wagtailapi_v2:pages:detail", args=[page.pk]),
        *(base_url + listing + query for query in API_LISTINGS),
        base_url + reverse("sitemap"),
        base_url + reverse("feeds:index"),
        base_url + reverse("feeds:opml"),
        *feed_urls,
    }
    return Change(sorted(feed_urls), sorted(url for url in purge_urls if url))


def _previous(page: NewsPage, revision: Revision | None) -> Page | None:
    if revision is None:
        return None
    try:
        return revision.get_previous().as_object()
    except Revision.DoesNotExist:
        return None
