"""The events feeds (`/feeds/events.rss|atom|json`) as aggregators read them."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser
import pytest
from lxml import etree

from tests.caching import cold_get
from tests.factories import make_category, make_event, make_hidden_pages, make_project

FORMATS = ("rss", "atom", "json")


def entries(client, fmt: str) -> list[dict]:
    """(id, title, link, content) of each entry, in the feed's order."""
    response = client.get(f"/feeds/events.{fmt}")
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].endswith("; charset=utf-8")
    if fmt == "json":
        items = json.loads(response.content)["items"]
        return [
            {"id": i["id"], "title": i["title"], "link": i["url"], "content": i["content_html"]}
            for i in items
        ]
    etree.fromstring(response.content)  # well-formed XML
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [
        {"id": e.id, "title": e.title, "link": e.link, "content": e.content[0].value}
        for e in parsed.entries
    ]


@pytest.fixture
def announced(events_index):
    """A conference announced first, then a webinar (which the feed lists first)."""
    passenger = make_project("PASSENGER")
    conference = make_event(
        events_index,
        title="Final conference",
        start_date=datetime.date(2027, 10, 29),
        end_date=datetime.date(2027, 10, 30),
        time_zone="Europe/Berlin",
        venue_city="Stuttgart",
        venue_country="Germany",
        projects=[passenger],
    )
    webinar = make_event(
        events_index,
        title="Webinar",
        format="online",
        online_url="https://meet.example.org/w",
        venue_name="",
        status="cancelled",
        categories=[make_category("Training")],
    )
    return conference, webinar


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_entry_per_event_with_its_dates_and_place_in_the_content(client, announced, fmt):
    conference, webinar = announced
    read = entries(client, fmt)
    assert [e["title"] for e in read] == ["Webinar", "Final conference"]
    first, second = read
    assert second["id"] == conference.feed_id
    assert second["link"] == conference.get_full_url()
    when = "Friday 29 October 2027, 10:00 – Saturday 30 October 2027, 11:00 CEST (Europe/Berlin)"
    assert when in second["content"]
    assert "Stuttgart" in second["content"]
    assert "PASSENGER project" in second["content"]
    assert "Cancelled" in first["content"]
    assert 'href="https://meet.example.org/w"' in first["content"]


def test_entry_ids_survive_edits_of_title_time_and_slug(client, announced):
    conference, _ = announced
    before = {e["title"]: e["id"] for e in entries(client, "atom")}
    conference.title, conference.slug = "Final conference (new date)", "final-moved"
    conference.start_date = conference.end_date = datetime.date(2027, 11, 5)
    conference.save_revision().publish()
    after = {e["title"]: e["id"] for e in entries(client, "atom")}
    assert after["Final conference (new date)"] == before["Final conference"]


def test_nothing_unpublishable_is_in_the_feed(client, events_index):
    make_hidden_pages(events_index)
    make_event(events_index, title="Visible")
    for fmt in FORMATS:
        titles = {e["title"] for e in entries(client, fmt)}
        assert titles == {"Visible", "Alias source"}, fmt
        raw = client.get(f"/feeds/events.{fmt}").content.decode()
        assert "Hidden" not in raw


def test_listed_in_the_feed_index_and_the_opml_with_the_calendars(client, announced):
    index = client.get("/feeds/").content.decode()
    for fmt in FORMATS:
        assert f"http://localhost/feeds/events.{fmt}" in index
    assert "webcal://localhost/events/calendar.ics" in index
    assert "http://localhost/events/projects/passenger.ics" in index
    assert "http://localhost/events/categories/training.ics" in index
    opml = etree.fromstring(client.get("/feeds/opml.xml").content)
    urls = {o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")}
    assert {f"http://localhost/feeds/events.{fmt}" for fmt in FORMATS} <= urls


def test_the_events_page_advertises_the_feeds(client, announced, events_index):
    html = client.get(events_index.url).content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="http://localhost/feeds/events.atom"' in html
    assert 'href="webcal://localhost/events/calendar.ics"' in html


def test_filters_are_refused_rather_than_ignored(client, announced):
    response = client.get("/feeds/events.rss?project=passenger")
    assert response.status_code == 400
    assert b"project" in response.content


def test_cold_render_costs_the_same_for_3_and_20_events(client, events_index):
    project, category = make_project("PERMANET"), make_category("Clustering")

    def cold_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert cold_get("/feeds/events.atom").status_code == 200
        return len(queries)

    for _ in range(3):
        make_event(events_index, projects=[project], categories=[category], tags=["x"])
    few = cold_queries()
    for _ in range(17):
        make_event(events_index, projects=[project], categories=[category], tags=["x"])
    assert cold_queries() == few
