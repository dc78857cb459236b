"""The live-page tally (news.tally): a table kept by triggers on `wagtailcore_page`.

A page counts when it is live and not an alias; its row is (content type, parent path),
the parent path being its own path without the last step. Each trigger takes one from the
old row's tally and adds one to the new row's, so a move, a change of type or of liveness
is the same two steps. The table starts from the pages already there.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "news_livepagetally"
PARENT = "substr({row}.path, 1, length({row}.path) - 4)"  # treebeard's step is 4 characters
COUNTS = "{row}.live AND {row}.alias_of_id IS NULL"
KEY_CHANGED = (
    "OLD.live IS DISTINCT FROM NEW.live OR OLD.alias_of_id IS DISTINCT FROM NEW.alias_of_id "
    "OR OLD.path IS DISTINCT FROM NEW.path OR OLD.content_type_id IS DISTINCT FROM NEW.content_type_id"
)
TAKE = (
    f"UPDATE {TABLE} SET live = live - 1 WHERE content_type_id = OLD.content_type_id "
    f"AND parent_path = {PARENT.format(row='OLD')}"
)
ADD = (
    f"INSERT INTO {TABLE} (content_type_id, parent_path, live) "
    f"SELECT NEW.content_type_id, {PARENT.format(row='NEW')}, 1 WHERE {COUNTS.format(row='NEW')} "
    f"ON CONFLICT (content_type_id, parent_path) DO UPDATE SET live = {TABLE}.live + 1"
)

CREATE_TABLE = {
    "postgresql": f"CREATE TABLE {TABLE} (id bigserial PRIMARY KEY, "
    "content_type_id integer NOT NULL, parent_path varchar(255) NOT NULL, live integer NOT NULL)",
    "sqlite": f"CREATE TABLE {TABLE} (id integer PRIMARY KEY AUTOINCREMENT, "
    "content_type_id integer NOT NULL, parent_path varchar(255) NOT NULL, live integer NOT NULL)",
}
FILL = (
    f"INSERT INTO {TABLE} (content_type_id, parent_path, live) "
    f"SELECT content_type_id, {PARENT.format(row='wagtailcore_page')}, COUNT(*) FROM wagtailcore_page "
    f"WHERE {COUNTS.format(row='wagtailcore_page')} "
    f"GROUP BY content_type_id, {PARENT.format(row='wagtailcore_page')}"
)

POSTGRESQL = [
    f"""CREATE FUNCTION {TABLE}_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM {TABLE};
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND {COUNTS.format(row="OLD")} THEN
    {TAKE};
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    {ADD};
  END IF;
  RETURN NULL;
END $$""",
    f"CREATE TRIGGER {TABLE}_insert_delete AFTER INSERT OR DELETE ON wagtailcore_page "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_keep()",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON wagtailcore_page "
    f"FOR EACH ROW WHEN ({KEY_CHANGED}) EXECUTE FUNCTION {TABLE}_keep()",
    f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON wagtailcore_page "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_keep()",
]
SQLITE = [
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON wagtailcore_page BEGIN {ADD}; END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON wagtailcore_page "
    f"WHEN {COUNTS.format(row='OLD')} BEGIN {TAKE}; END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON wagtailcore_page "
    f"WHEN {KEY_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} BEGIN "
    f"{TAKE} AND {COUNTS.format(row='OLD')}; {ADD}; END",
]
DROP = {
    "postgresql": [f"DROP TABLE IF EXISTS {TABLE}", f"DROP FUNCTION IF EXISTS {TABLE}_keep CASCADE"],
    "sqlite": [
        *(f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in ("insert", "delete", "update")),
        f"DROP TABLE IF EXISTS {TABLE}",
    ],
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(CREATE_TABLE[vendor])
    schema_editor.execute(
        f"CREATE UNIQUE INDEX {TABLE}_key ON {TABLE} (content_type_id, parent_path)"
    )
    if vendor == "postgresql":
        # No page may change between the count and the triggers (it would never be
        # counted); SQLite's migration already holds the write lock.
        schema_editor.execute("LOCK TABLE wagtailcore_page IN SHARE ROW EXCLUSIVE MODE")
    schema_editor.execute(FILL)
    for statement in POSTGRESQL if vendor == "postgresql" else SQLITE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0017_search_entries_to_normalise_index"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.CreateModel(
            name="LivePageTally",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("parent_path", models.CharField(max_length=255)),
                ("live", models.IntegerField()),
                ("content_type", models.ForeignKey(
                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                    to="contenttypes.contenttype",
                )),
            ],
            options={"managed": False, "db_table": TABLE},
        ),
    ]
