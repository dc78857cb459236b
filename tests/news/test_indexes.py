"""The indexes the network-scale figures rest on (bench/scale.py), checked where they
live: PostgreSQL's catalogue, and its planner choosing them. On SQLite, the FTS5 table
is the search index and the listing indexes are the same migrations."""

import re

from django.db import connection

import pytest

from news.models import NewsPage
from news.querysets import matching

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's catalogue and planner"
)

EXPECTED = {
    # the text search matches (modelsearch's `title || body`), news migration 0015
    "news_search_text_gin": ("wagtailsearch_indexentry", "USING gin (((title || body)))"),
    # the entries whose title weight modelsearch has still to set (migration 0017)
    "news_search_entries_to_normalise": (
        "wagtailsearch_indexentry",
        "(id) WHERE (title_norm = (1.0)::double precision)",
    ),
    # the listing's order, walked backwards from the newest
    "news_newspage_listing": ("news_newspage", "(date DESC, published_at DESC, page_ptr_id DESC)"),
    # the one publication moment (feeds, the river)
    "news_newspage_moment": ("news_newspage", "(published_at DESC, page_ptr_id DESC)"),
    # the next scheduled change: only pages and revisions that have one (migration 0016)
    "news_page_expiry": ("wagtailcore_page", "(expire_at) WHERE (expire_at IS NOT NULL)"),
    "news_revision_go_live": (
        "wagtailcore_revision",
        "(approved_go_live_at) WHERE (approved_go_live_at IS NOT NULL)",
    ),
}


def indexes() -> dict[str, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, tablename, indexdef FROM pg_indexes")
        return {name: (table, definition) for name, table, definition in cursor.fetchall()}


def plan_without_sequential_scans(sql: str) -> str:
    """The plan of `sql` with sequential scans priced out: a test table is so small that
    reading it whole would otherwise always win."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_indexes_exist(db):
    found = indexes()
    for name, (table, columns) in EXPECTED.items():
        assert name in found, name
        assert found[name][0] == table and found[name][1].endswith(columns), found[name]
    assert any(
        table == "events_eventpage" and definition.endswith("(starts_at)")
        for table, definition in found.values()
    )
    assert any(
        table == "network_networkitem" and definition.endswith("(published_at)")
        for table, definition in found.values()
    )


def test_the_planner_knows_how_many_pages_are_not_aliases(db):
    """Statistics on the visibility rule's alias expression (migration 0016): without them
    PostgreSQL guessed 0.5 % and sorted every story instead of walking the listing index."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT stxname FROM pg_statistic_ext WHERE stxname = %s",
                       ["news_page_alias_or_zero"])  # fmt: skip
        assert cursor.fetchone() is not None


def test_a_search_is_answered_from_the_gin_index(db):
    """The search filters on exactly the indexed expression, and with sequential scans
    priced out (an empty test table would rather be read whole) the planner answers that
    expression from the index."""
    queryset = matching(NewsPage.objects.all(), "recycling magnets").values("pk")
    sql, params = queryset.query.sql_with_params()
    assert re.search(r'\(U\d\."title" \|\| U\d\."body"\) @@', sql), sql
    plan = plan_without_sequential_scans(
        "SELECT id FROM wagtailsearch_indexentry"
        " WHERE (title || body) @@ plainto_tsquery('english', 'recycling magnets')"
    )
    assert "Bitmap Index Scan on news_search_text_gin" in plan, plan


def test_setting_title_weights_reads_only_the_new_entries(db):
    """Every indexing sets the weight of the entries still at 1.0; the partial index
    (migration 0017) finds them without reading every entry of the search index."""
    plan = plan_without_sequential_scans(
        "UPDATE wagtailsearch_indexentry SET title_norm = 2.0 / LENGTH(title)"
        " WHERE title_norm = 1.0 AND LENGTH(title) > 0"
    )
    assert "news_search_entries_to_normalise" in plan, plan
