from django.apps import AppConfig


class LimitsConfig(AppConfig):
    """The client's address and rate limits, counted in the database."""

    name = "limits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, tasks  # noqa: F401 (a deploy check; the pruning of old windows)
