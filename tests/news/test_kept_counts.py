"""A listing's total is counted once per content version and filter set (delivery.counts),
for the Updates page as for the API: paging on costs no COUNT(*), a publish recounts."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_news


def counts_the_total(sql: str) -> bool:
    """A COUNT(*), or an unfiltered listing's read of the live-page tally (news.tally)."""
    return sql.startswith("SELECT COUNT(*)") or 'FROM "news_livepagetally"' in sql


def counts_and_pages(client, path: str, params: dict) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        html = client.get(path, params).content.decode()
    counts = sum(counts_the_total(q["sql"]) for q in captured.captured_queries)
    return counts, re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>', html)


def test_the_updates_total_is_counted_once_per_version_and_filters(client, news_index):
    for n in range(13):
        make_news(news_index, title=f"Story {n}")
    assert counts_and_pages(client, news_index.url, {}) == (1, ["1", "2"])
    assert counts_and_pages(client, news_index.url, {"page": "2"}) == (0, ["1", "2"])
    assert counts_and_pages(client, news_index.url, {"search": ""})[0] == 0  # same filters
    assert counts_and_pages(client, news_index.url, {"tag": "none"}) == (1, [])  # others
    for n in range(12):
        make_news(news_index, title=f"Later story {n}")  # each publish retires the total
    assert counts_and_pages(client, news_index.url, {"page": "2"}) == (1, ["1", "2", "3"])
