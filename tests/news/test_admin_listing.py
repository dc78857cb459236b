"""The admin's "Updates" listing: every story with its date, status and categories,
newest publication date first."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_news


def test_updates_listing_shows_date_status_categories_newest_first(editor_client, news_index):
    policy, research = make_category("Policy"), make_category("Research")
    make_news(news_index, title="Older story", date=datetime.date(2026, 1, 5), categories=[policy])
    make_news(
        news_index,
        title="Newer story",
        date=datetime.date(2026, 3, 1),
        categories=[policy, research],
    )
    make_news(news_index, title="Draft story", date=datetime.date(2026, 2, 1), publish=False)
    response = editor_client.get("/admin/updates/")
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r"\s(Newer story|Draft story|Older story)\s", html)
    assert titles == ["Newer story", "Draft story", "Older story"]
    for expected in ("Publication date", "Categories", "Policy, Research", "draft", "live"):
        assert expected in html, expected


def test_the_listings_queries_do_not_grow_with_its_rows(editor_client, news_index):
    categories = [make_category(f"Category {n}") for n in range(3)]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get("/admin/updates/").status_code == 200
        return len(captured)

    make_news(news_index, categories=categories)
    few = queries()
    for _ in range(10):
        make_news(news_index, categories=categories)
    assert queries() == few
