"""Following is one click away: a listing, filtered or not, offers the feed that follows
it (visible links and autodiscovery), and a filtered feed names its filters and links to
itself, through the feed validators."""

import json

import pytest
from lxml import etree, html

from feeds.links import FORMATS
from tests.factories import make_events_index, make_news
from tests.feeds.test_feeds import fetch
from tests.feeds.validity import atom_problems, rss_problems

A = "{http://www.w3.org/2005/Atom}"
SITE_TITLE = "Permanent Magnets Network – Updates"


def feed_facts(client, path: str) -> dict:
    """Title, self link and listing link of a feed, in each format, read as a reader
    would; every format must agree and pass its validator."""
    facts = {}
    atom = fetch(client, path.format(fmt="atom")).content
    assert atom_problems(atom) == []
    root = etree.fromstring(atom)
    facts["atom"] = (
        root.findtext(f"{A}title"),
        root.find(f"{A}link[@rel='self']").get("href"),
        root.find(f"{A}link[@rel='alternate']").get("href"),
    )
    rss = fetch(client, path.format(fmt="rss")).content
    assert rss_problems(rss) == []
    channel = etree.fromstring(rss).find("channel")
    facts["rss"] = (
        channel.findtext("title"),
        channel.find(f"{A}link[@rel='self']").get("href"),
        channel.findtext("link"),
    )
    feed = json.loads(fetch(client, path.format(fmt="json")).content)
    facts["json"] = (feed["title"], feed["feed_url"], feed["home_page_url"])
    return facts


@pytest.mark.indexes  # one feed is a search
def test_a_filtered_feed_has_its_own_title_self_link_and_listing(client, stories, news_index):
    listing = f"http://localhost{news_index.url}"
    for path, title, query in (
        ("/feeds/news.{fmt}?project=passenger", "PASSENGER", "?project=passenger"),
        ("/feeds/projects/passenger.{fmt}", "PASSENGER", ""),
        (
            "/feeds/news.{fmt}?search=story&project=passenger&category=research",
            "PASSENGER, Research, “story”",
            "?category=research&project=passenger&search=story",
        ),
        ("/feeds/news.{fmt}?tag=magnets&date_from=2026-01-01",
         "tagged magnets, from 1 January 2026", "?date_from=2026-01-01&tag=magnets"),
        ("/feeds/news.{fmt}", "", ""),
    ):  # fmt: skip
        expected_title = f"{SITE_TITLE} — {title}" if title else SITE_TITLE
        listing_query = query or ("?project=passenger" if "projects/" in path else "")
        for fmt, facts in feed_facts(client, path).items():
            self_url = "http://localhost" + path.format(fmt=fmt).split("?")[0] + query
            assert facts == (expected_title, self_url, listing + listing_query), (path, fmt)


def test_a_tag_only_drafts_carry_is_never_named(client, news_index):
    make_news(news_index, title="Draft", publish=False, tags=["Secret Merger"])
    feed = json.loads(fetch(client, "/feeds/news.json?tag=secret-merger").content)
    assert feed["title"] == f"{SITE_TITLE} — tagged secret-merger"
    assert feed["items"] == []


def follow(page_html: str) -> tuple[dict, dict]:
    """The listing's autodiscovery links and its visible follow links, {format: (title,
    url)}."""
    tree = html.fromstring(page_html)
    discovered = {
        link.get("type"): (link.get("title"), link.get("href"))
        for link in tree.xpath("//head/link[@rel='alternate']")
    }
    visible = {
        a.text_content().split(" feed: ")[0]: a.get("href")
        for a in tree.xpath("//p[@class='follow']/a[@type]")
    }
    return discovered, visible


def test_every_listing_view_offers_the_feed_that_follows_it(client, stories, news_index):
    for query, feed_path, title in (
        ("", "/feeds/news.{fmt}", SITE_TITLE),
        ("?project=passenger", "/feeds/projects/passenger.{fmt}", f"{SITE_TITLE} — PASSENGER"),
        ("?category=research&project=passenger",
         "/feeds/news.{fmt}?category=research&project=passenger",
         f"{SITE_TITLE} — PASSENGER, Research"),
    ):  # fmt: skip
        discovered, visible = follow(client.get(f"{news_index.url}{query}").content.decode())
        for fmt, info in FORMATS.items():
            url = "http://localhost" + feed_path.format(fmt=fmt)
            assert discovered[info["mime_type"]] == (f"{title} ({info['label']})", url), query
            assert visible[info["name"]] == url, query
            answer = fetch(client, url.removeprefix("http://localhost"))
            if fmt == "json":
                assert json.loads(answer.content)["title"] == title


def test_the_feed_index_names_formats_as_people_know_them(client, stories):
    page = html.fromstring(fetch(client, "/feeds/").content)
    names = {a.text for a in page.xpath("//table[@class='feed-list']//a[@type]")}
    assert names == {"RSS", "Atom", "JSON Feed", "ICS"}


def test_the_events_listing_and_the_river_offer_their_feeds_too(client, stories, home):
    index = make_events_index(home)
    for path, feed_path in (
        (index.url, "/feeds/events.{fmt}"),
        ("/network/", "/feeds/network.{fmt}"),
        ("/network/?project=passenger", "/feeds/network/projects/passenger.{fmt}"),
    ):
        discovered, visible = follow(client.get(path).content.decode())
        for fmt, info in FORMATS.items():
            url = "http://localhost" + feed_path.format(fmt=fmt)
            assert discovered[info["mime_type"]][1] == url, path
            assert visible[info["name"]] == url, path
            assert client.get(url.removeprefix("http://localhost")).status_code == 200, url
