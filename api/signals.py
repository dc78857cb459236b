"""Everything readers could notice changing invalidates every cached response at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from news.snippets import Category, Cluster, PartnerProject

from .content_version import bump_content_version

REFERENCE_MODELS = (
    Category,
    Cluster,
    PartnerProject,
    SiteSettings,
    PageViewRestriction,
    CollectionViewRestriction,
    Collection,
    get_image_model(),
    get_document_model(),
)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def reference_data_changed(sender, **kwargs):
    bump_content_version()


for model in REFERENCE_MODELS:
    post_save.connect(reference_data_changed, sender=model, dispatch_uid=f"bump-save-{model}")
    post_delete.connect(reference_data_changed, sender=model, dispatch_uid=f"bump-del-{model}")
