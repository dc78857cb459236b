"""The demo site loads once, renders everywhere, and the listing filters work."""

import json
import re

from django.core.management import call_command
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

import pytest

from events.models import EventPage
from home.models import InformationPage
from network.models import NetworkItem
from news.models import NewsIndexPage, NewsPage
from news.snippets import Category, Cluster, PartnerProject
from tests.factories import make_category, make_news
from tests.home.test_information_pages import TITLES as FOOTER_TITLES
from tests.home.test_information_pages import footer_links


@pytest.fixture
def demo(demo_site, db):
    return NewsIndexPage.objects.get()


def counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "events": EventPage.objects.count(),
        "partner items": NetworkItem.objects.count(),
        "categories": Category.objects.count(),
        "projects": PartnerProject.objects.count(),
        "clusters": Cluster.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
    }


def test_loading_demo_content_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
    assert before["news"] >= 8
    assert set(Category.objects.values_list("name", flat=True)) == {
        "Clustering",
        "Events",
        "Policy",
        "Research",
        "Recycling",
    }
    assert PartnerProject.objects.filter(clusters__name="CRMs4EU").count() == 8


def test_demo_content_uses_every_block_type(demo):
    used = {block.block_type for page in NewsPage.objects.all() for block in page.body}
    assert used == {
        "heading",
        "paragraph",
        "image",
        "quote",
        "embed",
        "call_to_action",
        "document",
    }


def test_demo_events_cover_every_kind_past_and_upcoming(demo):
    events = list(EventPage.objects.live())
    assert len(events) >= 5
    assert {event.format for event in events} == {"in-person", "online", "hybrid"}
    assert {event.status for event in events} == {"scheduled", "postponed", "cancelled"}
    assert any(event.all_day and event.end_date > event.start_date for event in events)
    assert any(event.time_zone != "Europe/Brussels" for event in events)
    assert any(event.registration_url and event.registration_deadline for event in events)
    now = timezone.now()
    assert any(event.ends_at < now for event in events)
    assert any(event.starts_at > now for event in events)
    assert all(event.projects.exists() for event in events)
    assert NewsPage.objects.filter(event__isnull=False).exists()


def test_every_demo_page_renders(client, demo):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_home_page_shows_latest_news_newest_first(client, demo):
    html = client.get("/").content.decode()
    html = html[html.index('id="latest-heading"') : html.index('id="events-heading"')]
    newest = NewsPage.objects.order_by("-date").first()
    assert newest.title.replace("'", "&#x27;") in html
    titles = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    dates = [NewsPage.objects.get(title=t.replace("&#x27;", "'")).date for t in titles]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected_slug"),
    [
        ("category=events", "passenger-final-conference-stuttgart"),
        ("tag=skills", "skills-for-magnet-value-chains"),
        ("project=greene", "aligning-sustainability-assessments"),
    ],
)
def test_index_filters_narrow_the_listing(client, demo, query, expected_slug):
    html = client.get(f"{demo.url}?{query}").content.decode()
    expected = NewsPage.objects.get(slug=expected_slug)
    assert expected.get_full_url() in html
    listed = set(re.findall(r'<h3><a href="([^"]+)"', html))
    key, value = query.split("=")
    field = {"category": "categories__slug", "tag": "tags__slug", "project": "projects__slug"}[key]
    assert listed == {p.get_full_url() for p in NewsPage.objects.filter(**{field: value})}


def test_index_paginates_and_survives_bad_query_strings(client, demo):
    for query in ("page=999", "page=abc", "project=no-such", "date_from=x"):
        assert client.get(f"{demo.url}?{query}").status_code == 200
    assert client.get(f"{demo.url}?category=%00").status_code == 400  # no keyboard types NUL
    html = client.get(f"{demo.url}?project=no-such").content.decode()
    assert "No updates match." in html


def test_news_page_carries_meta_open_graph_canonical_and_json_ld(client, demo):
    page = NewsPage.objects.get(slug="permanet-clustering-session-barriers-and-opportunities")
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{page.get_full_url()}">' in html
    assert '<meta name="description" content="Seven projects met online' in html
    assert '<meta property="og:image" content="http' in html
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(payload)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    # The one publication moment, as the feeds and the river give it.
    assert data["datePublished"] == page.published_at.isoformat()
    assert data["datePublished"].startswith("2026-03-30T")
    assert data["publisher"]["name"]
    for block_marker in (
        "<blockquote>",
        "<ol>",
        'class="cta"',
        'class="document"',
        'class="embed"',
    ):
        assert block_marker in html
    assert "PASSENGER website</a>" in html  # the embed fell back to a link, offline


def test_demo_river_mixes_partner_news_without_fetching(client, demo):
    from network.models import FeedSource

    assert not FeedSource.objects.filter(active=True).exists()  # nothing to fetch offline
    html = client.get("/network/").content.decode()
    assert "Recycled magnets in a washing machine pump" in html
    assert "Joint dissemination" in html  # the hub's own stories too


def test_each_page_of_updates_has_numbered_links_its_own_title_and_canonical(client, news_index):

    research = make_category("Paging test")
    for n in range(25):
        make_news(news_index, title=f"Story {n}", categories=[research])
    first = client.get(news_index.url).content.decode()
    second = client.get(news_index.url, {"category": "paging-test", "page": "2"}).content.decode()
    assert "<title>Updates ·" in first and "<title>Updates, page 2 ·" in second
    assert f'<link rel="canonical" href="{news_index.get_full_url()}">' in first
    assert (
        f'<link rel="canonical" href="{news_index.get_full_url()}?category=paging-test&amp;page=2">'
        in second
    )
    numbers = re.findall(
        r'<a (?:aria-current="page" )?href="([^"]*)">'
        r'<span class="visually-hidden">Page </span>(\d+)</a>',
        second,
    )
    assert numbers == [
        ("?category=paging-test", "1"),
        ("?category=paging-test&amp;page=2", "2"),
        ("?category=paging-test&amp;page=3", "3"),
    ]
    assert 'aria-current="page" href="?category=paging-test&amp;page=2"' in second
    # A page past the end shows the last one, under the last page's own address.
    beyond = client.get(news_index.url, {"page": "99"}).content.decode()
    assert f'href="{news_index.get_full_url()}?page=3"' in beyond


def test_active_filters_are_named_by_name_not_slug(client, news_index):
    make_category("Critical raw materials")
    html = client.get(news_index.url, {"category": "critical-raw-materials"}).content.decode()
    assert "in category “Critical raw materials”" in html
    unknown = client.get(news_index.url, {"project": "no-such"}).content.decode()
    assert "about project “no-such”" in unknown


def test_the_demo_ships_the_three_pages_and_every_footer_links_them(client, demo):
    story = NewsPage.objects.live().first()
    for path in ("/", "/updates/", story.url, "/feeds/", "/network/", "/newsletter/"):
        html = client.get(path).content.decode()
        assert footer_links(html) == list(FOOTER_TITLES), path
    for page in InformationPage.objects.all():
        html = client.get(page.url).content.decode()
        assert f"<h1>{page.title}</h1>" in html and "<h2>" in html, page.title
    privacy = InformationPage.objects.get(slug="privacy-notice")
    notice = client.get(privacy.url).content.decode()  # says what reach counts (docs/reach.md)
    assert "What we count" in notice and "no cookie is set" in notice and "&lt; 5" in notice
    signup = client.get("/").content.decode().split('class="newsletter-signup"', 1)[1]
    assert f'<a href="{privacy.url}">privacy notice</a>' in signup.split("</form>")[0]
