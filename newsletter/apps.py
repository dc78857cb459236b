from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Subscriptions with double opt-in, digests, one-click unsubscribe."""

    name = "newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401 (registers the digest schedule and the clean-up)
