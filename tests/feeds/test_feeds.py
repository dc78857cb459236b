"""Feeds as aggregators and readers see them: parsed with feedparser and lxml."""

import datetime
import gzip
import json
import time
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser
import pytest
import time_machine
from lxml import etree

from news.models import NewsIndexPage, NewsPage
from tests.caching import cold_get
from tests.factories import (
    every_block_body,
    make_document,
    make_hidden_pages,
    make_image,
    make_news,
    make_project,
)

FORMATS = ("rss", "atom", "json")
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}


def fetch(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.status_code, response.content[:200])
    return response


def parse(response):
    """Entries as a reader sees them. feedparser 6.0 reads RSS and Atom, not JSON Feed."""
    if response["Content-Type"].startswith("application/feed+json"):
        data = json.loads(response.content)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        entries = [
            SimpleNamespace(title=i["title"], id=i["id"], link=i["url"], updated=i["date_modified"])
            for i in data["items"]
        ]
        return SimpleNamespace(entries=entries, bozo=False)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/news.{fmt}",
        "/feeds/categories/research.{fmt}",
        "/feeds/tags/magnets.{fmt}",
        "/feeds/projects/passenger.{fmt}",
        "/feeds/news.{fmt}?project=passenger&category=research",
    ],
)
def test_every_feed_parses_cleanly_newest_first(client, stories, path):
    for fmt in FORMATS:
        response = fetch(client, path.format(fmt=fmt))
        assert response["Content-Type"].endswith("; charset=utf-8")
        parsed = parse(response)
        assert [e.title for e in parsed.entries] == ["Newer", "Older"]
        assert parsed.entries[0].id == stories["newer"].feed_id
        assert parsed.entries[0].link == stories["newer"].get_full_url()
        if fmt != "json":
            etree.fromstring(response.content)  # well-formed XML


def test_unknown_slug_is_404_and_bad_filters_400(client, stories):
    for path in (
        "/feeds/projects/nope.rss",
        "/feeds/categories/nope.atom",
        "/feeds/tags/nope.json",
    ):
        assert client.get(path).status_code == 404
    assert client.get("/feeds/news.rss?category=Not%20a%20slug").status_code == 400


def test_rss_follows_the_advisory_board_profile(client, stories):
    root = etree.fromstring(fetch(client, "/feeds/news.rss").content)
    channel = root.find("channel")
    assert (
        channel.find("atom:link[@rel='self']", NS).get("href") == "http://localhost/feeds/news.rss"
    )
    item = channel.find("item")
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false" and guid.text.startswith("urn:uuid:")
    pub_date = item.find("pubDate").text
    assert time.strptime(pub_date, "%a, %d %b %Y %H:%M:%S %z")
    content = item.find("content:encoded", NS).text
    assert "<h2>A section</h2>" in content
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "image/png" and int(enclosure.get("length")) > 0
    domains = {c.get("domain") for c in item.findall("category")}
    assert domains == {
        "http://localhost/feeds/categories/",
        "http://localhost/feeds/tags/",
        "http://localhost/feeds/projects/",
    }


def test_atom_follows_rfc_4287(client, stories):
    root = etree.fromstring(fetch(client, "/feeds/news.atom").content)
    atom = "{http://www.w3.org/2005/Atom}"
    for required in ("id", "title", "updated", "author"):
        assert root.find(atom + required) is not None, required
    entry = root.find(atom + "entry")
    for required in ("id", "title", "updated"):
        assert entry.find(atom + required) is not None, required
    content = entry.find(atom + "content")
    assert content.get("type") == "html"
    assert 'type="CDATA"' not in fetch(client, "/feeds/news.atom").content.decode()
    enclosure = entry.find(atom + "link[@rel='enclosure']")
    assert enclosure.get("type") == "image/png"
    categories = {(c.get("term"), c.get("scheme")) for c in entry.findall(atom + "category")}
    assert ("passenger", "http://localhost/feeds/projects/") in categories
    assert root.find(atom + "updated").text == entry.find(atom + "updated").text


def test_entry_content_has_absolute_urls_and_nothing_unsafe(client, stories):
    parsed = parse(fetch(client, "/feeds/news.atom"))
    html = parsed.entries[0].content[0].value
    assert 'src="http://localhost/media/images/' in html
    assert f'href="{stories["older"].get_full_url()}"' in html
    assert 'href="http://localhost/documents/' in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html  # embed became a link
    assert "<iframe" not in html and "<script" not in html and 'href="/' not in html


def test_json_feed_is_version_1_1(client, stories):
    data = json.loads(fetch(client, "/feeds/news.json").content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "http://localhost/feeds/news.json"
    item = data["items"][0]
    assert item["id"] == stories["newer"].feed_id
    assert item["content_html"] and item["date_published"].endswith("+00:00")
    assert item["attachments"][0]["mime_type"] == "image/png"


def test_hostile_text_renders_a_valid_feed(client, news_index):
    nasty = "Ctrl\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff & <b>markup</b> 🧲 مغناطيس"
    if connection.vendor == "postgresql":  # PostgreSQL refuses NUL, so it cannot be stored
        nasty = nasty.replace("\x00", "")
    page = make_news(news_index, title="Safe title")
    NewsPage.objects.filter(pk=page.pk).update(title=nasty, summary=nasty)
    body = [
        {"type": "paragraph", "value": f"<p>{nasty}</p>"},
        {"type": "heading", "value": {"text": nasty, "level": "h2"}},
    ]
    page.refresh_from_db()
    page.body = body
    page.save()
    for fmt in FORMATS:
        response = fetch(client, f"/feeds/news.{fmt}")
        parsed = parse(response)
        title = parsed.entries[0].title
        assert "🧲" in title and "مغناطيس" in title and "&" in title and "\x00" not in title
        if fmt != "json":
            etree.fromstring(response.content)


def test_only_publishable_pages_appear(client, news_index):
    make_news(news_index, title="Visible")
    hidden = make_hidden_pages(news_index)
    assert set(hidden) == {
        "draft", "password", "login", "groups", "expired", "scheduled", "alias", "other-site",
    }  # fmt: skip
    for fmt in FORMATS:
        entries = parse(fetch(client, f"/feeds/news.{fmt}")).entries
        # The alias's source is an ordinary public story; the alias itself is not listed.
        assert [e.title for e in entries] == ["Alias source", "Visible"], fmt
        listed_urls = {e.link for e in entries}
        for reason, page in hidden.items():
            assert page.get_full_url() not in listed_urls, reason
    rss = fetch(client, "/feeds/news.rss").content.decode()
    for reason, page in hidden.items():
        if reason != "alias":  # an alias carries its source's title; its URL is checked above
            assert page.title not in rss, reason


def test_entry_id_survives_title_and_slug_edits_and_a_move(client, home, news_index, stories):
    page = stories["newer"]
    original_id = page.feed_id
    page.title, page.slug = "Renamed", "renamed"
    page.save_revision().publish()
    entry = parse(fetch(client, "/feeds/news.atom")).entries[0]
    assert (entry.id, entry.title) == (original_id, "Renamed")
    other_index = home.add_child(instance=NewsIndexPage(title="Archive", slug="archive"))
    other_index.save_revision().publish()
    page.refresh_from_db()
    page.move(other_index, pos="last-child")
    entry = parse(fetch(client, "/feeds/news.atom")).entries[0]
    assert entry.id == original_id and "/archive/renamed/" in entry.link


def test_a_copy_gets_a_new_entry_id(stories, news_index):
    page = stories["older"]
    copy = page.copy(update_attrs={"slug": "older-copy", "title": "Copy"}, copy_revisions=False)
    assert copy.feed_guid != page.feed_guid


def test_updated_changes_only_when_a_revision_is_published(client, stories):
    page = stories["older"]
    before = parse(fetch(client, "/feeds/news.atom")).entries[1].updated
    page.title = "Draft change"
    page.save_revision()  # saved, not published
    assert parse(fetch(client, "/feeds/news.atom")).entries[1].updated == before
    page.save_revision().publish()
    assert parse(fetch(client, "/feeds/news.atom")).entries[1].updated != before


def test_publish_unpublish_and_edit_show_on_the_next_request(client, news_index, stories):
    assert len(parse(fetch(client, "/feeds/news.rss")).entries) == 2
    fresh = make_news(news_index, title="Fresh", date=datetime.date(2026, 12, 1))
    assert parse(fetch(client, "/feeds/news.rss")).entries[0].title == "Fresh"
    fresh.unpublish()
    assert "Fresh" not in [e.title for e in parse(fetch(client, "/feeds/news.rss")).entries]
    category = stories["newer"].categories.first()
    category.name = "Renamed category"
    category.save()
    assert "Renamed category" in fetch(client, "/feeds/news.atom").content.decode()
    stories["older"].delete()
    assert len(parse(fetch(client, "/feeds/news.rss")).entries) == 1


def test_two_renders_give_identical_bytes(client, stories):
    from datetime import timedelta

    first = fetch(client, "/feeds/news.atom").content
    with time_machine.travel(timedelta(hours=1)):
        again = cold_get("/feeds/news.atom")
    assert again.status_code == 200 and again.content == first


def test_conditional_get_head_and_gzip(client, stories):
    response = fetch(client, "/feeds/news.rss")
    assert (
        "public" in response["Cache-Control"]
        and "stale-while-revalidate" in response["Cache-Control"]
    )
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/feeds/news.rss", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/feeds/news.rss", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    head = client.head("/feeds/news.rss")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == etag
    zipped = client.get("/feeds/news.rss", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == response.content


def test_cold_render_costs_the_same_for_5_and_50_entries(client, news_index):

    image, document = make_image(), make_document()
    target = make_news(news_index, title="Target")
    project = make_project()

    def cold_queries():
        with CaptureQueriesContext(connection) as captured:
            assert cold_get("/feeds/news.atom").status_code == 200
        return len(captured)

    def add(count):
        for n in range(count):
            make_news(
                news_index,
                body=every_block_body(image=image, document=document, link_to=target),
                hero_image=make_image(f"h{n}", size=(30, 20)),
                hero_alt_text="a",
                projects=[project],
                tags=["t"],
            )

    add(4)
    cold_queries()
    small = cold_queries()
    add(46)
    cold_queries()  # the versions the additions moved are read once, as after any change
    large = cold_queries()
    # 12, and one for the providers' answers about the bodies' embedded media.
    assert small == large <= 13, (small, large)


def test_cached_feed_and_304_use_no_database_query(client, stories, django_assert_num_queries):
    response = fetch(client, "/feeds/news.json")
    with django_assert_num_queries(0):
        fetch(client, "/feeds/news.json")
    with django_assert_num_queries(0):
        assert (
            client.get("/feeds/news.json", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        )


def test_expired_page_leaves_at_once_and_scheduled_page_enters_with_the_job(client, news_index):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    leaving = make_news(news_index, title="Leaving")
    expiry = timezone.now() + timedelta(minutes=5)
    NewsPage.objects.filter(pk=leaving.pk).update(expire_at=expiry)
    arriving = make_news(news_index, title="Arriving", publish=False)
    arriving.go_live_at = expiry
    arriving.save_revision().publish()
    assert [e.title for e in parse(fetch(client, "/feeds/news.rss")).entries] == ["Leaving"]
    with time_machine.travel(expiry + timedelta(seconds=1)):
        # Expiry needs no job: the cached feed was valid only until then.
        assert [e.title for e in parse(fetch(client, "/feeds/news.rss")).entries] == []
        call_command("publish_scheduled")
        assert [e.title for e in parse(fetch(client, "/feeds/news.rss")).entries] == ["Arriving"]


def test_opml_lists_every_feed(client, stories):
    response = fetch(client, "/feeds/opml.xml")
    root = etree.fromstring(response.content)
    urls = {o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")}
    for fmt in FORMATS:
        assert f"http://localhost/feeds/news.{fmt}" in urls
        assert f"http://localhost/feeds/projects/greene.{fmt}" in urls
        assert f"http://localhost/feeds/categories/research.{fmt}" in urls
        assert f"http://localhost/feeds/tags/policy.{fmt}" in urls
    for url in urls:
        assert client.get(url.replace("http://localhost", "")).status_code == 200


def test_html_pages_advertise_their_feeds(client, news_index, stories):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="http://localhost/feeds/news.rss"' in html
    listing = client.get(f"{news_index.url}?project=passenger").content.decode()
    assert 'href="http://localhost/feeds/projects/passenger.atom"' in listing
    assert "Feeds" in client.get("/feeds/").content.decode()


def test_a_backdated_story_keeps_its_own_date_and_edits_still_update(client, news_index):
    imported = make_news(news_index, title="Imported", date=datetime.date(2025, 3, 4))
    entry = parse(fetch(client, "/feeds/news.atom")).entries[0]
    assert entry.published_parsed[:3] == (2025, 3, 4)  # not today, when it was published
    first_updated = entry.updated
    imported.title = "Imported, corrected"
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)):
        imported.save_revision().publish()
    again = parse(fetch(client, "/feeds/news.atom")).entries[0]
    assert again.published_parsed[:3] == (2025, 3, 4)
    assert again.updated != first_updated


def test_feeds_enclose_a_stated_rendition_never_the_original_upload(client, stories):
    from django.conf import settings as django_settings

    from wagtail.images.models import Image

    item = etree.fromstring(fetch(client, "/feeds/news.rss").content).find("channel/item")
    enclosure = item.find("enclosure")
    url = enclosure.get("url")
    original = Image.objects.get(
        pk=NewsPage.objects.get(title=item.find("title").text).hero_image_id
    )
    assert ".fill-1200x630." in url and original.file.name not in url
    rendition = original.get_rendition("fill-1200x630")
    assert url.endswith(rendition.file.name)
    assert int(enclosure.get("length")) == rendition.file.size
    assert (rendition.width, rendition.height) == (1200, 630)
    assert url.startswith("http://localhost" + django_settings.MEDIA_URL)


def test_a_backdated_story_keeps_its_date_whatever_the_hour_it_was_published(client, news_index):
    # 00:30 in Brussels is 23:30 the day before in UTC: the date must not slip back.
    just_after_midnight = datetime.datetime(2026, 11, 25, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(just_after_midnight, tick=False):
        make_news(news_index, title="Imported at night", date=datetime.date(2025, 3, 4))
    entry = parse(fetch(client, "/feeds/news.atom")).entries[0]
    assert entry.title == "Imported at night"
    assert entry.published_parsed[:4] == (2025, 3, 4, 11)  # noon in Brussels, in UTC


def test_the_feed_logo_and_icon_are_renditions_never_the_original_upload(client, stories):
    from home.models import SiteSettings

    logo = make_image("Network logo", size=(1200, 800))
    settings = SiteSettings.for_site(stories["newer"].get_site())
    settings.feed_logo = logo
    settings.save()  # makes the renditions (home.signals): feeds only read them
    renditions = logo.renditions.all()
    made = set(renditions.values_list("filter_spec", flat=True))
    assert made >= {"max-400x200", "fill-256x256"}
    atom = etree.fromstring(fetch(client, "/feeds/news.atom").content)
    assert "max-400x200" in atom.findtext(f"{{{NS['atom']}}}logo")
    assert "fill-256x256" in atom.findtext(f"{{{NS['atom']}}}icon")
    feed = json.loads(fetch(client, "/feeds/news.json").content)
    assert "fill-256x256" in feed["icon"] and "fill-256x256" in feed["favicon"]
    rss = fetch(client, "/feeds/news.rss").content
    assert b"max-400x200" in rss
    for fmt in ("rss", "atom", "json"):
        assert logo.file.name.encode() not in fetch(client, f"/feeds/news.{fmt}").content
    assert set(renditions.values_list("filter_spec", flat=True)) == made  # no GET wrote
    renditions.delete()
    client.get("/feeds/news.atom?tag=policy")  # another, cold document
    again = etree.fromstring(fetch(client, "/feeds/news.atom?tag=policy").content)
    assert again.find(f"{{{NS['atom']}}}logo") is None  # none yet, never the original
