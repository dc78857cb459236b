"""Listing totals from the live-page tally (news.tally) are exactly `publishable().count()`,
after every way a page can come, go, move or hide, on both databases; and counting them
reads the same few rows at any size."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Page, PageViewRestriction, Site

import pytest

from events.models import EventPage
from news.models import NewsIndexPage, NewsPage
from news.tally import LivePageTally, visible_total
from news.visibility import publishable
from tests.factories import (
    build_site,
    make_event,
    make_events_index,
    make_hidden_pages,
    make_news,
    make_private,
)


def assert_totals_right(*indexes: NewsIndexPage) -> None:
    """Every total a listing asks for, from the tally and from COUNT(*), for every site."""
    for site in [None, *Site.objects.all()]:
        for model in (NewsPage, EventPage, Page):
            expected = publishable(model.objects.all(), site=site).count()
            assert visible_total(model, site=site) == expected, (model, site)
        for index in indexes:
            index.refresh_from_db()
            expected = publishable(NewsPage.objects.all(), site=site).child_of(index).count()
            assert visible_total(NewsPage, site=site, parent=index) == expected, (index, site)


def test_every_way_a_page_is_hidden_is_left_out(news_index):
    make_news(news_index, title="Seen")
    make_hidden_pages(news_index)
    site = Site.objects.get(is_default_site=True)
    assert visible_total(NewsPage, site=site) == 2  # and the alias's source
    assert_totals_right(news_index)


def test_publishing_unpublishing_deleting_and_bulk_updates_keep_it(news_index):
    stories = [make_news(news_index) for _ in range(4)]
    draft = make_news(news_index, publish=False)
    assert_totals_right(news_index)
    stories[0].unpublish()
    draft.save_revision().publish()
    stories[1].delete()
    assert_totals_right(news_index)
    NewsPage.objects.filter(pk=stories[2].pk).update(live=False)  # no signal, no save()
    assert_totals_right(news_index)
    Page.objects.filter(pk=stories[2].pk).update(live=True)
    assert_totals_right(news_index)


def test_moves_copies_and_aliases_keep_it(news_index, home):
    other_index = home.add_child(instance=NewsIndexPage(title="Archive", slug="archive"))
    stories = [make_news(news_index) for _ in range(3)]
    stories[0].move(other_index, pos="last-child")
    stories[1].copy(to=other_index, update_attrs={"slug": "copied"})
    alias = stories[2].create_alias(parent=other_index, update_slug="aliased")
    assert_totals_right(news_index, other_index)
    ConvertAliasPageAction(alias.specific).execute(skip_permission_checks=True)
    assert_totals_right(news_index, other_index)
    other_index.move(build_site(hostname="archive.example.org", default=False)[0], "last-child")
    assert_totals_right(news_index, other_index)
    other_index.delete()  # its stories with it
    assert_totals_right(news_index)


def test_expiry_and_restrictions_count_at_reading(news_index, home):
    stories = [make_news(news_index) for _ in range(5)]
    now = timezone.now()
    Page.objects.filter(pk=stories[0].pk).update(expire_at=now + timedelta(hours=1))
    assert_totals_right(news_index)
    assert visible_total(NewsPage, site=None, now=now + timedelta(hours=2)) == 4  # time alone
    make_private(stories[1])
    make_private(stories[2], "login")
    Page.objects.filter(pk=stories[2].pk).update(expire_at=now - timedelta(minutes=1))
    assert_totals_right(news_index)  # expired and restricted: left out once
    make_private(news_index)  # the whole listing, and a restriction inside it
    assert_totals_right(news_index)
    PageViewRestriction.objects.filter(page=news_index).delete()
    make_private(home, "login")
    assert_totals_right(news_index)


def test_a_site_root_that_is_itself_counted(news_index):
    make_news(news_index)
    odd = Site.objects.create(hostname="story.example.org", root_page=make_news(news_index))
    assert visible_total(NewsPage, site=odd) == 1
    assert_totals_right(news_index)
    make_private(odd.root_page)  # and nothing below it in the tally
    assert visible_total(NewsPage, site=odd) == 0
    assert_totals_right(news_index)


def test_events_are_counted_by_their_own_type(home, news_index):
    events_index = make_events_index(home)
    for _ in range(3):
        make_event(events_index)
    make_hidden_pages(events_index)
    make_news(news_index)
    assert visible_total(EventPage, site=Site.objects.get(is_default_site=True)) == 4
    assert_totals_right(news_index)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncating_the_pages_empties_the_tally(news_index):
    make_news(news_index)
    assert LivePageTally.objects.filter(live__gt=0).exists()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as flush() finds them
        cursor.execute("TRUNCATE wagtailcore_page CASCADE")
    assert not LivePageTally.objects.exists()


def test_the_total_reads_the_same_rows_at_any_size(news_index):
    site = Site.objects.select_related("root_page").get(is_default_site=True)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            visible_total(NewsPage, site=site)
            visible_total(NewsPage, site=site, parent=news_index)
        return len(captured)

    make_news(news_index)
    few = queries()
    for _ in range(30):
        make_news(news_index)
    assert queries() == few
    story_type = ContentType.objects.get_for_model(NewsPage)
    row = LivePageTally.objects.get(parent_path=news_index.path, content_type=story_type)
    assert row.live == 31


def test_unfiltered_listings_take_their_totals_from_the_tally(client, news_index):
    """The API's total, the Updates pages, the sitemap and the river page; filtered
    listings still count their rows."""
    for _ in range(3):
        make_news(news_index)
    make_hidden_pages(news_index)

    def tally_reads(path: str) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        reads = sum('FROM "news_livepagetally"' in q["sql"] for q in captured.captured_queries)
        return reads, response

    reads, response = tally_reads("/api/v2/pages/?type=news.NewsPage&limit=2&fields=title")
    assert reads == 1 and response.json()["meta"]["total_count"] == 4  # and the alias's source
    reads, response = tally_reads("/api/v2/pages/?type=news.NewsPage&search=story")
    assert reads == 0
    reads, response = tally_reads(news_index.url)
    assert reads == 1 and response.context["listing"].page.paginator.count == 4
    reads, _ = tally_reads("/sitemap.xml")
    assert reads == 1
    reads, response = tally_reads("/network/")
    assert reads == 1 and response.context["listing"].page.paginator.count == 4
