"""Reading never writes: no public GET sends INSERT, UPDATE or DELETE to the database."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import time_machine

from news.models import NewsPage

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
PATHS = [
    "/",
    "/updates/",
    "/updates/?search=magnets&page=2",
    "/sitemap.xml",
    "/feeds/",
    "/feeds/opml.xml",
    "/feeds/news.rss",
    "/feeds/news.atom",
    "/feeds/news.json",
    "/feeds/categories/events.atom",
    "/feeds/tags/skills.rss",
    "/feeds/projects/passenger.json",
    "/api/v2/pages/",
    "/api/v2/pages/?type=news.NewsPage&fields=*",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/categories/",
    "/api/v2/projects/?fields=*",
    "/no-such-page/",
]


def test_no_public_read_writes_even_when_a_story_is_due(client, demo_site, db):
    story = NewsPage.objects.live().first()
    story.go_live_at = timezone.now() + timedelta(minutes=1)
    story.title = "Due, but only the worker publishes"
    story.save_revision().publish()
    paths = [*PATHS, story.url, f"/api/v2/pages/{story.pk}/"]
    with time_machine.travel(timedelta(minutes=2)), CaptureQueriesContext(connection) as sql:
        for path in paths:
            assert client.get(path).status_code in {200, 404}, path
    writes = [query["sql"][:120] for query in sql.captured_queries if WRITES.match(query["sql"])]
    assert writes == []
    assert "Due, but only" not in client.get("/feeds/news.atom").content.decode()
