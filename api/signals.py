"""What a change retires: everything readers could notice changing retires every cached
answer at once, except partner feeds and items, which retire only what shows the river
(and a fetch's bookkeeping on its source, nothing)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from network.models import FeedSource, NetworkItem
from network.signals import items_changed
from news.image_credits import ImageCredit
from news.models import StoryPage
from news.snippets import Category, Cluster, PartnerProject

from .announce import change_of
from .content_version import bump_content_version
from .tasks import announce_change

REFERENCE_MODELS = (
    Category,
    Cluster,
    PartnerProject,
    SiteSettings,
    PageViewRestriction,
    CollectionViewRestriction,
    Collection,
    get_image_model(),
    ImageCredit,
    get_document_model(),
)
RIVER_MODELS = (FeedSource, NetworkItem)


def content_changed(*, scope: str | None = None) -> None:
    """Retire every cached answer (or those of `scope`): now, and again once the change
    is committed.

    Inside a transaction (a scheduled publish in the worker) a reader between the first
    bump and the commit still sees the old content and would cache it under the new
    version; the second bump retires that copy.
    """
    bump_content_version(scope=scope)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump_content_version(scope=scope))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    content_changed()
    instance = kwargs.get("instance")
    if isinstance(instance, StoryPage):
        announce(instance, kwargs.get("revision"))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()
    if isinstance(instance, StoryPage):
        announce(instance)


def announce(page: StoryPage, revision=None) -> None:
    """Tell the hub and the frontend cache, from the worker, once the change is committed."""
    if not (settings.WEBSUB_HUB_URL or getattr(settings, "WAGTAILFRONTENDCACHE", None)):
        return
    change = change_of(page, revision)
    transaction.on_commit(
        lambda: announce_change.enqueue(feed_urls=change.feed_urls, purge_urls=change.purge_urls)
    )


def reference_data_changed(sender, **kwargs):
    content_changed()


@receiver(items_changed)
def river_changed(sender, update_fields=None, **kwargs):
    """Partner sources or items changed: retire what shows the river. A save of nothing
    but a fetch's bookkeeping (a 304, an error, the next attempt) retires nothing."""
    if update_fields and set(update_fields) <= FeedSource.BOOKKEEPING_FIELDS:
        return
    content_changed(scope="river")


for model in REFERENCE_MODELS:
    post_save.connect(reference_data_changed, sender=model, dispatch_uid=f"bump-save-{model}")
    post_delete.connect(reference_data_changed, sender=model, dispatch_uid=f"bump-del-{model}")
for model in RIVER_MODELS:
    post_save.connect(river_changed, sender=model, dispatch_uid=f"bump-save-{model}")
    post_delete.connect(river_changed, sender=model, dispatch_uid=f"bump-del-{model}")
