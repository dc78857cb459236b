from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The background worker: the queue's loop, its clock, and scheduled publishing."""

    name = "worker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import housekeeping, publishing  # noqa: F401 (register their periodic jobs)
