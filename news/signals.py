"""Work done when a story is published, so that reads never pay for it."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from .models import NewsPage, StoryPage
from .publication import publication_moment
from .references import References, site_root_url
from .renditions import LOGO_RENDITIONS, MODERN_SPECS
from .snippets import PartnerProject
from .tasks import embed_urls, fetch_embeds, make_modern_renditions


@receiver(page_published, sender=NewsPage)
def store_publication_moment(sender, instance, **kwargs):
    """Store the story's publication moment (news.publication) at every publish: its
    date may have changed since the last one."""
    moment = publication_moment(went_live=instance.first_published_at, dated=instance.date)
    if instance.published_at != moment:
        NewsPage.objects.filter(pk=instance.pk).update(published_at=moment)
        instance.published_at = moment


@receiver(post_save, sender=PartnerProject)
def prepare_logo(sender, instance, **kwargs):
    """A new or changed logo gets its rendition now, not on a reader's request."""
    if instance.logo_id:
        instance.logo.get_renditions(*LOGO_RENDITIONS.values())


@receiver(page_published)
def prepare_renditions(sender, instance, **kwargs):
    """Represent a story (news or event) once now: every rendition readers will ask for
    gets made here, so no read pays for image work (and no GET writes)."""
    if not isinstance(instance, StoryPage):
        return
    refs = References.for_pages([instance], base_url=site_root_url(page=instance))
    instance.hero(refs)
    instance.represent_body(refs)
    for document in refs.documents.values():  # sizes the body's documents carry
        if document.file_size is None:
            document.get_file_size()
    instance.project_cards(refs)
    refs.enclosure(instance.hero_image_id)  # measures the feeds' enclosure once, now
    if instance.hero_image_id and MODERN_SPECS and not refs.hero_sources(instance.hero_image_id):
        image_id = instance.hero_image_id
        transaction.on_commit(lambda: make_modern_renditions.enqueue(image_id=image_id))
    if any(embed_urls(instance)):
        page_id = instance.pk
        transaction.on_commit(lambda: fetch_embeds.enqueue(page_id=page_id))
