"""The river as attackers and real partners try it: fetches that end at their deadline
however a server drips, parsing and addresses closed for good, text that stays text in
every output, valid feeds from untidy data, one publication moment, and fetches that
retire only what they change."""

import codecs
import datetime
import json
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest
from lxml import etree, html

from network.models import FeedSource, NetworkItem
from network.refresh import refresh
from network.tasks import fetch_due_sources
from news.snippets import PartnerProject
from tests.factories import make_news
from tests.feeds.validity import atom_problems, rss_problems
from tests.network import feeds
from tests.servers import Reply

A = "{http://www.w3.org/2005/Atom}"
TOO_SLOW = "error: no complete answer within the time allowed"


def source_for(server, project, path: str, reply: Reply | None = None) -> FeedSource:
    if reply is not None:
        server.routes[path] = reply
    return FeedSource.objects.create(project=project, url=server.url + path)


# A deadline that holds ---------------------------------------------------------------


@pytest.mark.parametrize("drip", [2.0, 0.05], ids=["a-byte-every-2s", "a-byte-every-50ms"])
def test_a_dripping_server_is_cut_off_at_the_deadline(partner_site, project, drip):
    source = source_for(partner_site, project, "/drip", Reply(body=feeds.RSS, drip=drip))
    started = time.monotonic()
    assert refresh(source) == TOO_SLOW
    # The whole answer would take minutes; the fetch stopped at its 2 s deadline (the
    # figure itself, deadline + at most 1 s, is a `make bench` budget).
    assert time.monotonic() - started < len(feeds.RSS) * drip / 10
    assert source.items.count() == 0 and source.consecutive_errors == 1


def test_the_deadline_covers_every_redirect_hop(partner_site, project):
    partner_site.routes["/feed"] = Reply(body=feeds.RSS, delay=1.2)
    hop = source_for(partner_site, project, "/hop",
                     Reply(302, headers={"Location": "/feed"}, delay=1.2))  # fmt: skip
    assert refresh(hop) == TOO_SLOW  # each hop alone is within 2 s; both are not


# Parsing and addresses, closed for good ---------------------------------------------


def _encoded(document: bytes, encoding: str, *, bom: bool, declared: bool) -> bytes:
    text = document.decode()
    if declared:
        text = text.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    else:
        text = text.replace('<?xml version="1.0"?>', "")
    body = text.encode(encoding)
    return (BOMS[encoding] if bom else b"") + body


BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


ENCODINGS = [
    (encoding, bom, declared)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    for bom in (True, False)
    for declared in (True, False)
]


@pytest.mark.parametrize(("encoding", "bom", "declared"), ENCODINGS)
@pytest.mark.parametrize("bomb", [feeds.BILLION_LAUGHS, feeds.EXTERNAL_ENTITY],
                         ids=["expansion", "external"])  # fmt: skip
def test_entity_declarations_are_refused_in_any_encoding(
    partner_site, project, encoding, bom, declared, bomb
):
    body = _encoded(bomb, encoding, bom=bom, declared=declared)
    source = source_for(partner_site, project, "/bomb", Reply(body=body))
    outcome = refresh(source)
    assert outcome.startswith("error:") and "entities" in outcome, outcome
    assert source.items.count() == 0


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-be"])
def test_a_harmless_feed_in_utf_16_or_32_is_read(partner_site, project, encoding):
    document = feeds.rss_with(feeds.rss_item("Grüße aus Bochum", guid="g"))
    body = _encoded(document, encoding, bom=True, declared=True)
    source = source_for(partner_site, project, "/wide", Reply(body=body))
    assert refresh(source).startswith("200 OK")
    assert source.items.get().title == "Grüße aus Bochum"


SPELLINGS = [
    "127.0.0.1", "2130706433", "0x7f000001", "127.1", "0177.0.0.1", "[::1]",
    "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[::ffff:0:127.0.0.1]",
    "[64:ff9b::127.0.0.1]", "[64:ff9b:1::7f00:1]", "[2002:7f00:1::1]",
    "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "0.0.0.0", "169.254.169.254",  # noqa: S104
    "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::1]", "[fe80::1]", "224.0.0.1",
]  # fmt: skip


@pytest.mark.parametrize("host", SPELLINGS)
def test_every_spelling_of_a_private_address_is_refused_before_any_request(
    partner_site, project, settings, host
):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    port = partner_site.url.rsplit(":", 1)[1]
    partner_site.routes["/feed"] = Reply(body=feeds.RSS)
    source = FeedSource.objects.create(project=project, url=f"http://{host}:{port}/feed")
    outcome = refresh(source)
    assert "not a public address" in outcome, outcome
    assert partner_site.received == []


# Text stays text; one URL rule --------------------------------------------------------

MARKUP_AS_TEXT = '<img src=x onerror="window.pwned=1">'
# The text '<img …>' as an RSS description (HTML) carries it: escaped twice in the XML.
ESCAPED_SUMMARY = feeds.rss_with(
    feeds.rss_item(
        "Tags in text", guid="t1", link="https://partner.example.org/news/t1",
        description="&amp;lt;img src=x onerror=&amp;quot;window.pwned=1&amp;quot;&amp;gt;",
    ),
)  # fmt: skip
# … and as Atom text, escaped once.
ATOM_TEXT = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>P</title>
<id>urn:p</id><updated>2026-11-01T00:00:00Z</updated>
<entry><title type="text">Atom &lt;b&gt;text&lt;/b&gt;</title><id>urn:p:2</id>
<link href="https://partner.example.org/news/t2"/><updated>2026-11-02T00:00:00Z</updated>
<summary type="text">&lt;img src=x onerror="window.pwned=1"&gt;</summary></entry></feed>"""


@pytest.fixture
def hostile_river(partner_site, project, news_index):
    """Partner text holding markup, and addresses stored around the editor's checks."""
    refresh(source_for(partner_site, project, "/text.rss", Reply(body=ESCAPED_SUMMARY)))
    refresh(source_for(partner_site, project, "/text.atom", Reply(body=ATOM_TEXT)))
    PartnerProject.objects.filter(pk=project.pk).update(website="javascript:alert(1)")
    NetworkItem.objects.create(
        source=FeedSource.objects.first(), original_id="evil", link="javascript:alert(2)",
        title="Never shown", published_at=timezone.now(), updated_at=timezone.now(),
    )  # fmt: skip
    NetworkItem.objects.filter(title="Tags in text").update(image_url="javascript:alert(3)")
    make_news(news_index, title="A hub story")


def river_outputs(client) -> dict[str, bytes]:
    paths = ["/network/", "/api/v2/network/", "/feeds/network.rss", "/feeds/network.atom",
             "/feeds/network.json", "/feeds/network/projects/permanet.atom"]  # fmt: skip
    return {path: client.get(path).content for path in paths}


def test_partner_text_stays_text_and_only_web_addresses_get_out(client, hostile_river):
    outputs = river_outputs(client)
    for path, body in outputs.items():
        text = body.decode()
        assert "javascript:" not in text and "Never shown" not in text, path
    page = html.fromstring(outputs["/network/"])
    assert not page.xpath("//*[@onerror]") and not page.xpath("//main//img[@src='x']")
    assert MARKUP_AS_TEXT in page.text_content() and "Atom <b>text</b>" in page.text_content()

    api = {i["title"]: i for i in json.loads(outputs["/api/v2/network/"])["items"]}
    assert api["Tags in text"]["summary"] == MARKUP_AS_TEXT
    assert api["Atom <b>text</b>"]["summary"] == MARKUP_AS_TEXT
    assert api["Tags in text"]["source"]["url"].startswith("http://127.0.0.1:")  # not the website

    rss = etree.fromstring(outputs["/feeds/network.rss"])
    for item in rss.iter("item"):
        # RSS readers take descriptions for HTML: the text arrives escaped inside it.
        assert "<img" not in item.findtext("description")
    atom = etree.fromstring(outputs["/feeds/network.atom"])
    for entry in atom.iter(f"{A}entry"):
        assert entry.find(f"{A}summary").get("type", "text") == "text"
        assert "<img" not in (entry.findtext(f"{A}content") or "")
    for item in json.loads(outputs["/feeds/network.json"])["items"]:
        assert "<img" not in item["content_html"]
        if item["title"] == "Tags in text":
            assert item["summary"] == MARKUP_AS_TEXT
            content = html.fragment_fromstring(item["content_html"], create_parent=True)
            assert content.text_content() == MARKUP_AS_TEXT


# Valid with real data -------------------------------------------------------------------

UNTIDY = feeds.rss_with(
    feeds.rss_item("Ids that are no IRIs", guid="item-2", date=None,
                   link="https://partner.example.org/news/2",
                   description="&lt;a href=&quot;more&quot;&gt;more&lt;/a&gt; "
                               "&lt;a href=&quot;?page=2&quot;&gt;next&lt;/a&gt;"),
    feeds.rss_item("Spaces in an id", guid="item 3 of 2026", date=None,
                   link="https://partner.example.org/news/3"),
    feeds.rss_item("No id at all", guid=None, date="not a date",
                   link="https://partner.example.org/news/4"),
    title="Untidy & partner",
)  # fmt: skip


def test_a_partners_untidy_ids_and_dates_give_valid_feeds_with_stable_ids(
    client, partner_site, project, news_index
):
    make_news(news_index, title="A hub story")
    source = source_for(partner_site, project, "/untidy.rss", Reply(body=UNTIDY))
    refresh(source)
    atom = client.get("/feeds/network.atom").content
    rss = client.get("/feeds/network.rss").content
    assert atom_problems(atom) == [] and rss_problems(rss) == []
    ids = _ids(client, "/feeds/network.atom")
    assert ids["Ids that are no IRIs"].startswith("urn:uuid:")
    sources = etree.fromstring(atom).findall(f"{A}entry/{A}source")
    assert {s.findtext(f"{A}id") for s in sources} == {source.url}

    source.next_fetch_at, source.etag = timezone.now(), ""
    refresh(source)  # the same items fetched again keep their ids, in every output
    again = _ids(client, "/feeds/network.atom")
    api = {i["title"]: i["id"] for i in client.get("/api/v2/network/").json()["items"]}
    json_feed = {i["title"]: i["id"] for i in client.get("/feeds/network.json").json()["items"]}
    assert again == ids == api == json_feed == _ids(client, "/feeds/network.rss")
    item = source.items.get(original_id="item-2")
    assert 'href="https://partner.example.org/news/more"' in item.content
    assert 'href="https://partner.example.org/news/2?page=2"' in item.content


def _ids(client, path: str) -> dict[str, str]:
    return {e.title: e.id for e in feedparser.parse(client.get(path).content).entries}


# One publication moment ------------------------------------------------------------------


def test_a_backdated_story_takes_its_place_by_date_everywhere(client, news_index, project):
    today = timezone.localdate()
    make_news(news_index, title="Written today")
    make_news(news_index, title="Backdated to spring", date=today - datetime.timedelta(days=250))
    source = FeedSource.objects.create(project=project, url="https://permanet.example.org/feed")
    last_week = timezone.now() - datetime.timedelta(days=7)
    NetworkItem.objects.create(source=source, original_id="urn:p:1", title="Partner last week",
                               link="https://permanet.example.org/n/1", published_at=last_week,
                               updated_at=last_week)  # fmt: skip
    order = ["Written today", "Partner last week", "Backdated to spring"]

    api = client.get("/api/v2/network/").json()["items"]
    assert [i["title"] for i in api] == order
    page = client.get("/network/").content.decode()
    assert sorted(order, key=page.index) == order
    json_feed = client.get("/feeds/network.json").json()["items"]
    assert [i["title"] for i in json_feed] == order
    for fmt in ("rss", "atom"):
        entries = feedparser.parse(client.get(f"/feeds/network.{fmt}").content).entries
        assert [e.title for e in entries] == order, fmt

    spring = {i["title"]: i for i in api}["Backdated to spring"]
    moment = datetime.datetime.fromisoformat(spring["published"])
    assert timezone.localtime(moment).date() == today - datetime.timedelta(days=250)
    assert {i["title"]: i for i in json_feed}["Backdated to spring"]["date_published"] == (
        spring["published"]
    )
    news_feed = {i["title"]: i for i in client.get("/feeds/news.json").json()["items"]}
    assert news_feed["Backdated to spring"]["date_published"] == spring["published"]
    story = client.get(spring["url"].removeprefix("http://localhost")).content.decode()
    assert f'"datePublished": "{spring["published"]}"' in story


# A fetch retires only what it changes -------------------------------------------------


def test_a_round_of_unchanged_fetches_leaves_every_cached_answer_cached(
    client, partner_site, project, news_index, django_assert_num_queries
):
    make_news(news_index, title="A hub story")
    version = {"etag": '"v1"', "body": feeds.RSS}

    def conditional(headers):
        if headers.get("If-None-Match") == version["etag"]:
            return Reply(304)
        return Reply(body=version["body"], headers={"ETag": version["etag"]})

    for n in range(3):
        partner_site.routes[f"/p{n}.rss"] = conditional
        FeedSource.objects.create(project=project, url=f"{partner_site.url}/p{n}.rss")
    fetch_due_sources.call()
    cached = ["/feeds/network.atom", "/feeds/news.rss", "/api/v2/network/", "/feeds/opml.xml",
              "/api/v2/pages/?type=news.NewsPage"]  # fmt: skip
    for path in cached:
        assert client.get(path).status_code == 200  # warm

    FeedSource.objects.update(next_fetch_at=timezone.now())  # due again (no signals)
    assert set(fetch_due_sources.call().values()) == {"304 Not Modified"}
    with django_assert_num_queries(0):
        for path in cached:
            assert client.get(path).status_code == 200

    version.update(etag='"v2"', body=feeds.rss_with(feeds.rss_item("Fresh partner news", guid="n")))
    FeedSource.objects.filter(url__endswith="/p0.rss").update(next_fetch_at=timezone.now())
    fetch_due_sources.call()
    with CaptureQueriesContext(connection) as queries:  # news outputs are not the river's
        assert client.get("/feeds/news.rss").status_code == 200
        assert client.get("/api/v2/pages/?type=news.NewsPage").status_code == 200
    # Only the content versions are read again (the river's moved): no content query.
    assert [q["sql"] for q in queries if "delivery_contentversion" not in q["sql"]] == []
    assert b"Fresh partner news" in client.get("/feeds/network.atom").content
