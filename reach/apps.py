from django.apps import AppConfig


class ReachConfig(AppConfig):
    """Reach, counted without personal data: reads per address and day, feed subscribers
    as readers report them, distinct fetchers; buffered in Redis, written by the worker."""

    name = "reach"
    verbose_name = "reach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401 (registers the flush)
