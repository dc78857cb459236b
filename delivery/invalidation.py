"""What a change retires, as the apps that own the models declare it.

An app says, in its AppConfig, which of its models' changes retire cached answers and in
which scope (delivery.versions): `retires = {"app.Model": "everything"}`, or with the
fields whose saving alone retires nothing, `{"app.Model": ("river", {"last_status", …})}`;
and signals of its own that announce bulk writes (which send no model signals):
`retires_on = {signal: "river"}`. This module connects them all when the site starts,
so no app keeps a list of another's models. Pages (any app's) retire everything when
they are published, unpublished, moved or deleted.

Each change bumps its scope's counter in the change's own transaction (see
delivery.versions): nothing is lost when the shared cache is away.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import StoryPage
from worker.retry import deferred

from .announce import change_of
from .tasks import announce_change
from .versions import bump_content_version, seconds_until_served_everywhere


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()
    instance = kwargs.get("instance")
    if isinstance(instance, StoryPage):
        announce(instance, kwargs.get("revision"))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
    if isinstance(instance, StoryPage):
        announce(instance)


def announce(page: StoryPage, revision=None) -> None:
    """Tell the hub and the frontend cache, from the worker, once every process serves
    the change: a hub or CDN fetching at once could get a process's previous answer (kept
    while the worker renders ahead, delivery.versions) and hold it as the new one."""
    if not (settings.WEBSUB_HUB_URL or getattr(settings, "WAGTAILFRONTENDCACHE", None)):
        return
    change = change_of(page, revision)

    transaction.on_commit(
        lambda: deferred(announce_change, seconds_until_served_everywhere()).enqueue(
            feed_urls=change.feed_urls, purge_urls=change.purge_urls
        )
    )


def _retirer(scope: str, quiet_fields: frozenset[str]):
    def retire(sender, update_fields=None, **kwargs):
        if update_fields and quiet_fields and set(update_fields) <= quiet_fields:
            return  # bookkeeping only: no output shows these fields
        bump_content_version(scope=scope)

    return retire


def connect_declared() -> None:
    """Connect every app's declarations (called once, from DeliveryConfig.ready)."""
    for config in apps.get_app_configs():
        for label, declared in getattr(config, "retires", {}).items():
            scope, quiet = (declared, ()) if isinstance(declared, str) else declared
            model = apps.get_model(label)
            retire = _retirer(scope, frozenset(quiet))
            uid = f"retire-{label}"
            post_save.connect(retire, sender=model, weak=False, dispatch_uid=f"{uid}-save")
            post_delete.connect(retire, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        for signal, scope in getattr(config, "retires_on", {}).items():
            signal.connect(_retirer(scope, frozenset()), weak=False,
                           dispatch_uid=f"retire-{config.label}-{id(signal)}")  # fmt: skip
