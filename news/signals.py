"""Work done at publish time so that reads never pay for it."""

from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.signals import page_published

from .models import NewsPage
from .renditions import ALL_SPECS, BODY_RENDITIONS


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
