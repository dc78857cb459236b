"""What keeps the network-scale figures possible (bench/scale.py): every reader-facing
read costs the same number of queries with 25 stories, events and partner items as with
50 of each, on both databases, cold (nothing cached), and none loads a field row by row."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from network.models import FeedSource
from news.snippets import Category
from tests.caching import cold_get
from tests.factories import (
    make_event,
    make_events_index,
    make_image,
    make_network_item,
    make_news,
    make_project,
)

pytestmark = pytest.mark.indexes  # the search page reads the search index

READS = (
    "/", "/updates/", "/updates/?page=2", "/updates/?project=passenger",
    "/search/?search=recycling+magnets", "/network/", "/events/", "/sitemap.xml",
    "/feeds/news.atom", "/feeds/network.atom", "/feeds/events.atom", "/events/calendar.ics",
    "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20",
    "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20&offset=20",
    "/api/v2/pages/?type=news.NewsPage&search=recycling+magnets&fields=*",
    "/api/v2/network/?limit=20",
)  # fmt: skip


# A field Django loads for one row after the fact (a deferred body, say): a query per row.
ONE_ROW_LOAD = re.compile(
    r'WHERE "(news_newspage|events_eventpage)"\."page_ptr_id" = \d+ LIMIT 21$'
)


def cold_queries(path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = cold_get(path)
    assert response.status_code == 200, (path, response.status_code)
    one_by_one = [
        q["sql"][:120] for q in captured.captured_queries if ONE_ROW_LOAD.search(q["sql"])
    ]
    assert one_by_one == [], (path, one_by_one)
    return len(captured)


def add(index, events, source, count: int, start: int) -> None:
    project, category = (
        source.project,
        Category.objects.get_or_create(name="Research", slug="research")[0],
    )
    hero = make_image("Hero", size=(40, 30))
    now = timezone.now()
    for n in range(start, start + count):
        make_news(index, title=f"Recycling magnets, part {n}", projects=[project],
                  categories=[category], hero_image=hero, hero_alt_text="A line",
                  tags=[f"topic-{n % 4}"])  # fmt: skip
        make_event(
            events,
            title=f"Recycling magnets workshop {n}",
            projects=[project],
            start_date=timezone.localdate() + datetime.timedelta(days=n % 40 - 20),
        )
        make_network_item(source, f"Partner news {n} on recycling magnets",
                          now - datetime.timedelta(hours=n))  # fmt: skip


def test_every_read_costs_the_same_queries_at_25_and_50_of_everything(home, news_index, settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0  # every read checks it: counts do not race it
    events = make_events_index(home)
    source = FeedSource.objects.create(project=make_project("PASSENGER"),
                                       url="https://passenger.example.org/feed")  # fmt: skip
    add(news_index, events, source, 25, 0)
    for path in READS:
        cold_queries(path)  # the first read of a process fills per-process lookups
    few = {path: cold_queries(path) for path in READS}
    add(news_index, events, source, 25, 25)
    many = {path: cold_queries(path) for path in READS}
    assert {p: (few[p], many[p]) for p in READS if few[p] != many[p]} == {}
