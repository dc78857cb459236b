from django.apps import AppConfig


class FediverseConfig(AppConfig):
    """The hub and partner projects as ActivityPub actors: discovery, following, delivery."""

    name = "fediverse"
    verbose_name = "fediverse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, tasks  # noqa: F401 (publishing hooks, delivery jobs)
