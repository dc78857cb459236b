"""Search finds a word's other forms on SQLite too ("recycled" finds "recycling").

Wagtail's search keeps SQLite's full-text index in an FTS5 table with the default tokenizer,
which matches whole words only. This recreates that table with the Porter stemmer (the
same English stemming PostgreSQL's `english` configuration gives, cms/settings/base.py)
and copies the indexed text back in; Wagtail's triggers write to it by name, so
they keep working. PostgreSQL needs nothing here: its configuration is a setting.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def _fts_table_exists(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None


def recreate(tokenizer: str):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or not _fts_table_exists(connection):
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title, "
                f"tokenize = '{tokenizer}')"
            )
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, title, body, autocomplete) "  # noqa: S608
                "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0013_update_is_the_editors_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(recreate("porter unicode61"), recreate("unicode61")),
    ]
