"""The river (the hub's stories and partner items) as a page, an API and feeds."""

import datetime
import io
import json
from datetime import UTC

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import feedparser
import pytest
from lxml import etree

from network import views as network_views
from network.models import FeedSource
from tests.caching import cold_get
from tests.factories import make_category, make_hidden_pages, make_news, make_project
from tests.factories import make_network_item as make_item

ATOM = "{http://www.w3.org/2005/Atom}"


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def stream(news_index):
    """Stories of 3 and 9 November; partner items of 5, 7 and 11 November (one hidden)."""
    permanet, passenger = make_project("PERMANET"), make_project("PASSENGER")
    make_category("Recycling")
    source = FeedSource.objects.create(
        project=passenger, url="https://passenger.example.org/feed.atom", title="PASSENGER news"
    )
    older = make_news(news_index, title="Hub story older", projects=[permanet])
    newer = make_news(news_index, title="Hub story newer")
    for story, day in ((older, 3), (newer, 9)):
        type(story).objects.filter(pk=story.pk).update(published_at=at(day))
    return {
        "source": source,
        "a": make_item(source, "Partner five", at(5), categories=["Recycling"],
                       category_slugs=" recycling "),
        "b": make_item(source, "Partner seven", at(7)),
        "c": make_item(source, "Partner eleven", at(11), original_id="tag:passenger,2026:11"),
        "hidden": make_item(source, "Hidden partner item", at(10), hidden=True),
    }  # fmt: skip


RIVER_ORDER = ["Partner eleven", "Hub story newer", "Partner seven", "Partner five",
               "Hub story older"]  # fmt: skip


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_river_feeds_mix_both_newest_first_and_credit_partners(client, stream, fmt):
    response = client.get(f"/feeds/network.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        items = json.loads(response.content)["items"]
        assert [i["title"] for i in items] == RIVER_ORDER
        partner = items[0]
        assert partner["id"] == "tag:passenger,2026:11"
        assert partner["url"] == stream["c"].link
        assert partner["_source"]["feed_url"] == stream["source"].url
        assert partner["authors"][0]["name"] == "PASSENGER news"
        return
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == RIVER_ORDER
    assert parsed.entries[0].id == "tag:passenger,2026:11"
    assert parsed.entries[0].link == stream["c"].link
    root = etree.fromstring(response.content)
    if fmt == "atom":
        source = root.find(f"{ATOM}entry/{ATOM}source")
        assert source.find(f"{ATOM}title").text == "PASSENGER news"
        assert source.find(f"{ATOM}link").get("href") == stream["source"].url
    else:
        source = root.find("channel/item/source")
        assert (source.text, source.get("url")) == ("PASSENGER news", stream["source"].url)


def test_a_project_river_and_filters(client, stream):
    parsed = feedparser.parse(client.get("/feeds/network/projects/passenger.atom").content)
    assert [e.title for e in parsed.entries] == ["Partner eleven", "Partner seven", "Partner five"]
    permanet = feedparser.parse(client.get("/feeds/network/projects/permanet.rss").content)
    assert [e.title for e in permanet.entries] == ["Hub story older"]
    assert client.get("/feeds/network/projects/nope.rss").status_code == 404
    recycling = feedparser.parse(client.get("/feeds/network.atom?category=recycling").content)
    assert [e.title for e in recycling.entries] == ["Partner five"]
    assert client.get("/feeds/network.atom?project=passenger").status_code == 400
    assert client.get("/feeds/network.atom?date_from=soon").status_code == 400


@pytest.mark.indexes  # the search filter reads the search index
def test_the_api_lists_the_river_with_sources_and_filters(client, stream):
    data = client.get("/api/v2/network/").json()
    assert data["meta"]["total_count"] == 5
    assert [i["title"] for i in data["items"]] == RIVER_ORDER
    partner = data["items"][0]
    assert partner["type"] == "network.NetworkItem"
    assert partner["url"] == stream["c"].link and partner["id"] == "tag:passenger,2026:11"
    assert partner["source"]["feed_url"] == stream["source"].url
    assert partner["projects"] == [{"acronym": "PASSENGER", "name": "PASSENGER project",
                                    "slug": "passenger"}]  # fmt: skip
    story = data["items"][1]
    assert story["type"] == "news.NewsPage" and story["url"].startswith("http://localhost/")
    page = client.get("/api/v2/network/", {"limit": 2, "offset": 1}).json()
    assert [i["title"] for i in page["items"]] == RIVER_ORDER[1:3]
    for params, expected in [
        ({"project": "passenger"}, ["Partner eleven", "Partner seven", "Partner five"]),
        ({"category": "recycling"}, ["Partner five"]),
        ({"date_from": "2026-11-06", "date_to": "2026-11-08"}, ["Partner seven"]),
        ({"search": "seven"}, ["Partner seven"]),
    ]:
        titles = [i["title"] for i in client.get("/api/v2/network/", params).json()["items"]]
        assert titles == expected, params
    refused = [({"limit": "0"}, "limit"), ({"offset": "x"}, "offset"),
               ({"date_to": "2026-02-30"}, "date_to"), ({"colour": "x"}, "colour"),
               ({"project": "No Slug"}, "project"), ({"format": "xml"}, "format")]  # fmt: skip
    for params, named in refused:
        response = client.get("/api/v2/network/", params)
        assert response.status_code == 400 and named in response.json()["message"], params


def test_the_page_lists_the_river_filters_by_project_and_pages(client, stream, settings):
    html = client.get("/network/").content.decode()
    positions = [html.index(title) for title in RIVER_ORDER]
    assert positions == sorted(positions)
    assert f'href="{stream["c"].link}"' in html and "Hidden partner item" not in html
    filtered = client.get("/network/", {"project": "passenger"}).content.decode()
    assert "Hub story" not in filtered and "Partner seven" in filtered
    assert 'href="http://localhost/feeds/network/projects/passenger.atom"' in filtered
    assert client.get("/network/", {"page": "999", "project": "<x>"}).status_code == 200


def test_the_page_counts_the_river_no_further_than_it_shows(client, stream, monkeypatch):
    """The page shows MAX_PAGES of PER_PAGE: its total reads no more partner items than
    that, in no order (ordered, the database sorted all 50,000 items first: 63 ms)."""
    monkeypatch.setattr(network_views, "PER_PAGE", 1)
    monkeypatch.setattr(network_views, "MAX_PAGES", 2)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/network/")
    assert response.context["listing"].page.paginator.count == 2  # of 2 stories and 3 items
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]
              and "network_networkitem" in q["sql"]]  # fmt: skip
    assert len(counts) == 1 and "LIMIT 2" in counts[0] and "ORDER BY" not in counts[0]
    filtered = client.get("/network/", {"project": "passenger"})
    assert filtered.context["listing"].page.paginator.count == 2  # of 3 items


def test_nothing_hidden_or_unpublishable_is_in_the_river(client, stream, news_index):
    make_hidden_pages(news_index)
    outputs = [
        client.get(f"/feeds/network.{fmt}").content.decode() for fmt in ("rss", "atom", "json")
    ]
    outputs += [
        client.get("/api/v2/network/").content.decode(),
        client.get("/network/").content.decode(),
    ]
    for output in outputs:
        assert "Hidden" not in output


def test_hiding_an_item_in_the_admin_takes_it_out_at_once(client, editor_client, stream):
    assert "Partner seven" in client.get("/feeds/network.atom").content.decode()  # cached now
    edit = reverse("network_item:edit", args=[stream["b"].pk])
    assert editor_client.post(edit, {"hidden": "on"}).status_code == 302
    assert "Partner seven" not in client.get("/feeds/network.atom").content.decode()


def test_listed_in_the_feed_index_and_the_opml(client, stream):
    index = client.get("/feeds/").content.decode()
    assert "http://localhost/feeds/network.atom" in index
    assert "http://localhost/feeds/network/projects/passenger.rss" in index
    opml = etree.fromstring(client.get("/feeds/opml.xml").content)
    urls = {o.get("xmlUrl") for o in opml.iter("outline")}
    assert "http://localhost/feeds/network.json" in urls


def test_a_river_feed_costs_the_same_queries_for_5_and_50_items(client, stream):
    def cold() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert cold_get("/feeds/network.atom").status_code == 200
        return len(queries)

    few = cold()
    for n in range(45):
        make_item(stream["source"], f"More {n}", at(1) + datetime.timedelta(minutes=n))
    assert cold() == few <= 12


def test_opml_import_by_command_and_in_the_admin(editor_client, db, tmp_path):
    permanet, passenger = make_project("PERMANET"), make_project("PASSENGER")
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>CRMs4EU</title></head><body>
      <outline text="PERMANET"><outline text="News" type="rss" xmlUrl="https://permanet.example.org/feed"/></outline>
      <outline text="Passenger news" category="passenger" type="rss" xmlUrl="https://passenger.example.org/atom"/>
      <outline text="Unknown" type="rss" xmlUrl="https://unknown.example.org/rss"/>
      <outline text="Bad" type="rss" xmlUrl="javascript:alert(1)"/>
    </body></opml>"""  # noqa: E501
    out = io.StringIO()
    path = tmp_path / "partners.opml"
    path.write_bytes(opml)
    call_command("import_opml", str(path), stdout=out)
    assert "2 added, 0 already known, 1 without a matching project, 1 invalid" in out.getvalue()
    assert FeedSource.objects.get(url="https://permanet.example.org/feed").project == permanet
    assert FeedSource.objects.get(url="https://passenger.example.org/atom").project == passenger
    upload = io.BytesIO(opml)
    upload.name = "partners.opml"
    response = editor_client.post(
        reverse("network_import_opml"), {"file": upload, "project": permanet.pk}
    )
    assert (
        "1 added, 2 already known, 0 without a matching project, 1 invalid"
        in response.content.decode()
    )
    listing = editor_client.get(reverse("network_source:index")).content.decode()
    assert "https://unknown.example.org/rss" in listing


def test_an_opml_address_longer_than_a_source_can_hold_is_refused(db):
    from network.opml import import_opml

    project = make_project("PERMANET")
    long_url = "https://permanet.example.org/" + "a" * 2000
    opml = (f'<opml version="2.0"><body><outline text="x" xmlUrl="{long_url}"/>'
            "</body></opml>").encode()  # fmt: skip
    report = import_opml(opml, project=project)
    assert report.invalid == [long_url[:200]] and not FeedSource.objects.exists()
