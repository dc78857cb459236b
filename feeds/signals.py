"""Invalidate every cached feed (and API response) when published content changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from news.models import NewsPage
from news.snippets import Category, Cluster, PartnerProject

from .cache import bump_content_version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def content_changed(sender, **kwargs):
    bump_content_version()


@receiver(post_delete, sender=NewsPage)
def news_deleted(sender, **kwargs):
    bump_content_version()


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=PartnerProject)
@receiver(post_delete, sender=PartnerProject)
@receiver(post_save, sender=Cluster)
@receiver(post_delete, sender=Cluster)
@receiver(post_save, sender=SiteSettings)
def reference_data_changed(sender, **kwargs):
    bump_content_version()
