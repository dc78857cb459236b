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


@pytest.mark.indexes
def test_a_listing_search_takes_every_match_not_the_first_few(client, news_index, monkeypatch):
    """The listing's search once kept only the first MAX_SEARCH_MATCHES matches, in the
    index's order, before sorting by date: past that many, the newest could be missing.
    A cap of 2 here stands for 1,000 at scale; every match must still be listed."""
    monkeypatch.setattr("news.querysets.MAX_SEARCH_MATCHES", 2)
    titles = [f"Recycling report {n}" for n in range(4)]
    for title in titles:
        make_news(news_index, title=title)
    listing = client.get(news_index.url, {"search": "recycled"}).content.decode()
    assert all(title in listing for title in titles)
    api = client.get("/api/v2/pages/", {"type": "news.NewsPage", "search": "recycled",
                                        "fields": "title"}).json()  # fmt: skip
    assert api["meta"]["total_count"] == 4
