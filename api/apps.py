from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The HTTP surface: API endpoints, their guards, OpenAPI, preview; CORS for reads."""

    name = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cors

        cors.connect()
