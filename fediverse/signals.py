"""Changes that followers must hear about, queued for the worker when they commit."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Actor, BlockedDomain, Follower
from .publishing import FEDERATED_MODELS
from .tasks import federate_page, federate_visibility
from .templatetags.fediverse import HUB_URL_KEY


def _federating() -> bool:
    return Actor.objects.filter(project=None).exists()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, FEDERATED_MODELS) and _federating():
        page_id = instance.pk
        transaction.on_commit(lambda: federate_page.enqueue(page_id=page_id))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, FEDERATED_MODELS) and _federating():
        page_id = instance.pk
        transaction.on_commit(lambda: federate_page.enqueue(page_id=page_id))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    if _federating():
        transaction.on_commit(federate_visibility.enqueue)


@receiver(post_save, sender=BlockedDomain)
def domain_blocked(sender, instance, **kwargs):
    """A blocked server's followers are removed at once (and it gets nothing more)."""
    domain = instance.domain
    Follower.objects.filter(domain=domain).delete()
    Follower.objects.filter(domain__endswith="." + domain).delete()


@receiver(post_save, sender=Actor)
@receiver(post_delete, sender=Actor)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def accounts_changed(sender, **kwargs):
    """The hub's address in every page's head is read again (a new account, a site moved)."""
    cache.delete(HUB_URL_KEY)
