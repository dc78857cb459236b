"""Feeds name their WebSub hub; changes reach the hub and the frontend cache."""

import json

from django.core.cache import cache
from django.test import Client

import pytest
from lxml import etree

from tests.factories import make_category, make_event, make_events_index, make_news, make_project
from tests.servers import RecordingServer, Reply

ATOM = "{http://www.w3.org/2005/Atom}"


def hub_links(client, fmt: str) -> list[str]:
    content = client.get(f"/feeds/news.{fmt}").content
    if fmt == "json":
        return [hub["url"] for hub in json.loads(content).get("hubs", [])]
    root = etree.fromstring(content)
    return [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "hub"]


def test_every_feed_names_the_hub_and_itself_when_one_is_set(client, news_index, settings):
    make_news(news_index)
    for fmt in ("rss", "atom", "json"):
        assert hub_links(client, fmt) == []
    settings.WEBSUB_HUB_URL = "https://hub.example.eu/"
    cache.clear()  # configuration changes with a deployment: a new cache, new processes
    client = Client()
    for fmt in ("rss", "atom", "json"):
        assert hub_links(client, fmt) == ["https://hub.example.eu/"], fmt
    atom = etree.fromstring(client.get("/feeds/news.atom").content)
    assert atom.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/feeds/news.atom"
    rss = etree.fromstring(client.get("/feeds/news.rss").content)
    assert rss.find(f"channel/{ATOM}link[@rel='self']") is not None


@pytest.fixture
def hub(settings):
    with RecordingServer([Reply(202)]) as server:
        settings.WEBSUB_HUB_URL = server.url + "/hub"
        yield server


def pinged_urls(request) -> set[str]:
    form = request.form()
    assert form["hub.mode"] == ["publish"]
    return set(form["hub.url"])


def test_publish_and_unpublish_ping_the_hub_with_every_affected_feed(
    news_index, hub, django_capture_on_commit_callbacks
):
    category, project = make_category("Research"), make_project("GREENE")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, categories=[category], projects=[project], tags=["magnets"])
    published = pinged_urls(hub.wait_for(1)[0])
    expected = {
        f"http://localhost/feeds/{path}.{fmt}"
        for path in ("news", "categories/research", "projects/greene", "tags/magnets")
        for fmt in ("rss", "atom", "json")
    }
    assert published == expected
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert pinged_urls(hub.wait_for(2)[1]) == expected


def test_an_edit_that_leaves_a_category_pings_that_category_too(
    news_index, hub, django_capture_on_commit_callbacks
):
    research, policy = make_category("Research"), make_category("Policy")
    page = make_news(news_index, categories=[research])
    with django_capture_on_commit_callbacks(execute=True):
        page.categories.set([policy])
        page.save_revision().publish()
    urls = pinged_urls(hub.wait_for(1)[-1])
    assert "http://localhost/feeds/categories/research.atom" in urls
    assert "http://localhost/feeds/categories/policy.atom" in urls


def test_the_frontend_cache_is_purged_for_page_listings_and_feeds(
    news_index, settings, django_capture_on_commit_callbacks
):
    with RecordingServer([Reply(200)]) as cache_server:
        settings.WAGTAILFRONTENDCACHE = {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": cache_server.url,
            }
        }
        with django_capture_on_commit_callbacks(execute=True):
            page = make_news(news_index, tags=["magnets"])
        purged = {r.path for r in cache_server.wait_for(10) if r.method == "PURGE"}
    assert page.url in purged
    assert "/updates/" in purged and "/" in purged  # the listing and the home page list it
    for path in (
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/",
        "/api/v2/pages/?type=news.NewsPage",
        "/feeds/news.atom",
        "/feeds/tags/magnets.json",
        "/sitemap.xml",
        "/feeds/opml.xml",
    ):
        assert path in purged, path


def test_an_event_pings_the_events_feeds_and_purges_its_calendars(
    home, hub, settings, django_capture_on_commit_callbacks
):
    events_index = make_events_index(home)
    category, project = make_category("Clustering"), make_project("PERMANET")
    with RecordingServer([Reply(200)]) as cache_server:
        settings.WAGTAILFRONTENDCACHE = {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": cache_server.url,
            }
        }
        with django_capture_on_commit_callbacks(execute=True):
            event = make_event(events_index, categories=[category], projects=[project])
        purged = {r.path for r in cache_server.wait_for(10) if r.method == "PURGE"}
    assert pinged_urls(hub.wait_for(1)[0]) == {
        f"http://localhost/feeds/events.{fmt}" for fmt in ("rss", "atom", "json")
    }
    for path in (
        event.url,
        "/events/",
        "/",
        "/api/v2/pages/?type=events.EventPage",
        "/events/calendar.ics",
        f"/events/{event.slug}.ics",
        "/events/categories/clustering.ics",
        "/events/projects/permanet.ics",
        "/feeds/events.atom",
    ):
        assert path in purged, path
