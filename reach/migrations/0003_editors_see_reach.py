"""Editors and moderators (Wagtail's groups) see reach: communication officers write the
dissemination report. Administrators can take it away in Settings → Groups."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    config = apps.get_app_config("reach")
    config.models_module = True  # permissions are made after migrating: make them now
    create_contenttypes(config, apps=apps, verbosity=0)
    create_permissions(config, apps=apps, verbosity=0)
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="reach", codename="view_dailyreads"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("reach", "0002_attribution"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
