from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The HTTP surface: API endpoints, the response cache and what invalidates it."""

    name = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cors, signals  # noqa: F401

        cors.connect()
