"""A partial index on the search entries whose title weight is still to be set.

Each time modelsearch (Wagtail's database search) indexes an object on PostgreSQL, it sets
`title_norm` on the entries that still carry the default 1.0 (`_refresh_title_norms`).
Nothing indexed that column: every publish, edit or import read every entry to find the
one or two new ones (417 ms at 100,000 stories and 50,000 partner items, twice per
publish). Entries leave this index as soon as their weight is set, so it holds a handful.
SQLite's FTS5 backend has no such column: nothing to do there.
"""

from django.db import migrations

INDEX = "news_search_entries_to_normalise"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry (id) "
            "WHERE title_norm = 1.0"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0016_planner_statistics_and_schedule_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
