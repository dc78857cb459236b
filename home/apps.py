from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site root, site-wide settings, the dashboard, the sitemap and demo content."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
    # Site settings show in every page, feed and mail (delivery.invalidation).
    retires = {"home.SiteSettings": "everything"}
