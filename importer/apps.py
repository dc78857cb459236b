from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """Stories from an old site's archive: a WordPress export, a full-content feed or a
    list of article addresses, as draft stories with their images in the library."""

    name = "importer"
    verbose_name = "story import"
    default_auto_field = "django.db.models.BigAutoField"
