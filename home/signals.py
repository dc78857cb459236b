"""Work done when the site settings are saved, so that reads never pay for it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from news.renditions import FEED_LOGO_RENDITIONS, SITE_LOGO_SPEC

from .models import SiteSettings


@receiver(post_save, sender=SiteSettings)
def prepare_logos(sender, instance: SiteSettings, **kwargs) -> None:
    """The logos' renditions are made now: feeds and pages only read them (no GET writes)."""
    if instance.feed_logo_id:
        instance.feed_logo.get_renditions(*FEED_LOGO_RENDITIONS.values())
    if instance.site_logo_id:
        instance.site_logo.get_rendition(SITE_LOGO_SPEC)
