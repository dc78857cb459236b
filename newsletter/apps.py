from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Subscriptions with double opt-in, digests, one-click unsubscribe."""

    name = "newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import erasure, tasks  # noqa: F401 (log scrubbing; the digest schedule)
