"""Search finds a word's other forms, the same on every surface and on both databases:
PostgreSQL's `english` configuration, SQLite's Porter stemmer."""

import json

import pytest

from tests.factories import make_events_index, make_news, make_project


@pytest.mark.indexes
def test_search_finds_other_forms_of_a_word_on_every_surface(client, news_index):
    make_news(news_index, title="Magnet recycling plant opens", summary="A pilot line.")
    make_news(news_index, title="Recycled magnets tested", summary="In a motor.")
    make_news(news_index, title="Policy brief", summary="Critical raw materials.")
    for typed, expected in (
        ("recycled", {"Magnet recycling plant opens", "Recycled magnets tested"}),
        ("recycles magnet", {"Magnet recycling plant opens", "Recycled magnets tested"}),
        ("motors", {"Recycled magnets tested"}),
        ("policies", {"Policy brief"}),
    ):
        api = client.get("/api/v2/pages/", {"type": "news.NewsPage", "search": typed,
                                            "fields": "title"}).json()  # fmt: skip
        assert {item["title"] for item in api["items"]} == expected, typed
        feed = json.loads(client.get("/feeds/news.json", {"search": typed}).content)
        assert {item["title"] for item in feed["items"]} == expected, typed
        listing = client.get(news_index.url, {"search": typed}).content.decode()
        assert {t for t in ("Magnet recycling plant opens", "Recycled magnets tested",
                            "Policy brief") if t in listing} == expected, typed  # fmt: skip


def test_every_page_has_the_search_box_and_a_search_keeps_the_other_filters(
    client, home, news_index
):
    make_project("PASSENGER")
    events = make_events_index(home)
    for path in ("/", news_index.url, events.url, "/feeds/", "/network/", "/search/"):
        html = client.get(path).content.decode()
        assert '<form class="site-search" role="search" method="get" action="/search/">' in html
    # Events and the river offer a search of their own kind, answered on the same page.
    for path, kind in ((events.url, "events"), ("/network/", "network")):
        html = client.get(path).content.decode()
        assert f'<input type="hidden" name="kind" value="{kind}">' in html, path
    listing = client.get(news_index.url, {"search": "recycled", "project": "passenger"})
    html = listing.content.decode()
    assert 'name="search" value="recycled"' in html
    assert '<option value="passenger" selected>' in html
