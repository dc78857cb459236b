from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site root, site-wide settings, the dashboard, the sitemap and demo content."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
    # Site settings show in every page, feed and mail, and the site's address starts every
    # absolute URL in them (delivery.invalidation): changing either retires every answer.
    retires = {"home.SiteSettings": "everything", "wagtailcore.Site": "everything"}

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
