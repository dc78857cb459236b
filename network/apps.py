from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Partner feeds, fetched politely and safely, and the river built from them."""

    name = "network"
    verbose_name = "network river"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401 (registers the fetching job)

    @property
    def retires(self) -> dict:
        """Partner sources and items show only in the river's outputs; a fetch's
        bookkeeping on its source shows nowhere (delivery.invalidation)."""
        from .models import FeedSource

        return {
            "network.FeedSource": ("river", FeedSource.BOOKKEEPING_FIELDS),
            "network.NetworkItem": "river",
        }

    @property
    def retires_on(self) -> dict:
        """Fetching writes items in bulk, which sends no model signals; it sends this."""
        from .signals import items_changed

        return {items_changed: "river"}
