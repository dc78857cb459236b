"""Work done when content changes, so that reads never pay for it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings

from .cache import bump_content_version
from .models import NewsPage
from .renditions import ALL_SPECS, BODY_RENDITIONS
from .snippets import Category, Cluster, PartnerProject


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def content_changed(sender, **kwargs):
    """Any published page changing invalidates every cached feed and API response."""
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
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
@receiver(post_save, sender=get_document_model())
@receiver(post_delete, sender=get_document_model())
def reference_data_changed(sender, **kwargs):
    bump_content_version()


@receiver(page_published, sender=NewsPage)
def copy_first_publication(sender, instance, **kwargs):
    """Keep the listing index's copy of Page.first_published_at (see NewsPage)."""
    if instance.published_at != instance.first_published_at:
        NewsPage.objects.filter(pk=instance.pk).update(published_at=instance.first_published_at)
        instance.published_at = instance.first_published_at


@receiver(page_published, sender=NewsPage)
def prepare_renditions(sender, instance, **kwargs):
    """Make the renditions readers will ask for now, so no read pays for image work."""
    if instance.hero_image:
        instance.hero_image.get_renditions(*ALL_SPECS)
        instance.hero_image.get_file_size()  # stored for feed enclosures' length
    image_ids = [
        block.value["image"].pk
        for block in instance.body
        if block.block_type == "image" and block.value.get("image")
    ]
    for image in get_image_model().objects.filter(pk__in=image_ids):
        image.get_renditions(*BODY_RENDITIONS.values())
