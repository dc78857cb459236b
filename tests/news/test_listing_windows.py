"""Every page of a listing shows the rows of the one order, and the far half of a listing
is read from its nearer end (news.paging.read_window): the last page of a long listing
costs what the first does, instead of walking every row before it."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPage
from tests.factories import make_news

PER_PAGE = 12  # the Updates page's


def offsets_read(captured: CaptureQueriesContext) -> list[int]:
    """The OFFSETs of the story reads (no OFFSET clause reads from row 0)."""
    reads = [q["sql"] for q in captured.captured_queries if '"news_newspage"."date"' in q["sql"]]
    return [int(m.group(1)) if (m := re.search(r"OFFSET (\d+)", sql)) else 0 for sql in reads]


def make_stories(news_index, count: int) -> list[int]:
    """`count` stories, several on each day (ties broken by the newest first), in order."""
    today = datetime.date(2026, 11, 30)
    for n in range(count):
        make_news(news_index, title=f"Story {n}", date=today - datetime.timedelta(days=n // 4))
    return list(NewsPage.objects.publishable(site=None).values_list("pk", flat=True))


def test_every_updates_page_shows_its_rows_of_the_one_order(client, news_index):
    ordered = make_stories(news_index, 40)  # pages 1-4, the last holding 4
    titles = dict(NewsPage.objects.values_list("pk", "title"))
    for number in range(1, 5):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(news_index.url, {"page": number}).content.decode()
        expected = ordered[(number - 1) * PER_PAGE : number * PER_PAGE]
        shown = re.findall(r"Story \d+", html)
        assert [title for title in shown if title in titles.values()] == [
            titles[pk] for pk in expected
        ]
        # Pages 3 and 4 are nearer the end: read backwards from it, never past row 12.
        assert max(offsets_read(captured)) < 20


def test_every_api_window_shows_its_rows_of_the_one_order(client, news_index):
    ordered = make_stories(news_index, 23)
    params = {"type": "news.NewsPage", "limit": 5}
    for offset in range(0, 24):
        with CaptureQueriesContext(connection) as captured:
            answer = client.get("/api/v2/pages/", {**params, "offset": offset}).json()
        assert [item["id"] for item in answer["items"]] == ordered[offset : offset + 5]
        assert answer["meta"]["total_count"] == 23
        assert max(offsets_read(captured), default=0) <= 11  # from the nearer end
