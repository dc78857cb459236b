from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Partner feeds, fetched politely and safely, and the river built from them."""

    name = "network"
    verbose_name = "network river"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401 (registers the fetching job)
