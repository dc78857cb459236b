"""What keeps the read path's plans right at 100,000 stories.

- The visibility rule writes "not an alias" as `COALESCE(alias_of_id, 0) = 0` (see
  news.visibility: SQLite would otherwise scan through the alias index). PostgreSQL keeps
  no statistics on that expression and guessed that 0.5 % of pages pass it, so for a feed
  of 50 it sorted every story (an on-disk sort of 100,000 bodies, 324 ms) instead of
  walking the listing index (0.26 ms). Extended statistics on the expression (PostgreSQL
  14 and later) give it the true share.
- The next scheduled change (news.visibility.next_scheduled_change, read whenever an
  answer is stored) looks for future expiries and go-live times: partial indexes hold
  only the pages and revisions that have one, so it no longer reads every page.
"""

from django.db import migrations

STATISTICS = "news_page_alias_or_zero"
INDEXES = {
    "news_page_expiry": "wagtailcore_page (expire_at) WHERE expire_at IS NOT NULL",
    "news_revision_go_live": (
        "wagtailcore_revision (approved_go_live_at) WHERE approved_go_live_at IS NOT NULL"
    ),
}


def create(apps, schema_editor):
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} "
            "ON (COALESCE(alias_of_id, 0)) FROM wagtailcore_page"
        )
        schema_editor.execute("ANALYZE wagtailcore_page")


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0015_search_text_gin_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
