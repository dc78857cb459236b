"""A category's or project's slug is part of its feed and calendar addresses; when an
editor changes it, the old addresses redirect (301) to the new ones through Wagtail's
redirects, so feed readers and calendar apps that subscribed keep their subscription."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from wagtail.contrib.redirects.models import Redirect

from news.snippets import Category, PartnerProject

from .links import FORMATS, calendar_path, feed_path, network_feed_path

KIND_OF = {Category: "category", PartnerProject: "project"}


def moved_addresses(kind: str, old: str, new: str) -> list[tuple[str, str]]:
    """(old path, new path) for every feed and calendar a slug names."""
    moves = [(feed_path(fmt, kind, old), feed_path(fmt, kind, new)) for fmt in FORMATS]
    moves.append((calendar_path(kind, old), calendar_path(kind, new)))
    if kind == "project":
        moves += [(network_feed_path(fmt, old), network_feed_path(fmt, new)) for fmt in FORMATS]
    return moves


@receiver(pre_save, sender=Category, dispatch_uid="feeds-category-slug")
@receiver(pre_save, sender=PartnerProject, dispatch_uid="feeds-project-slug")
def redirect_old_addresses(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if not old or old == instance.slug:
        return
    moves = moved_addresses(KIND_OF[sender], old, instance.slug)
    # The new addresses are real (again): no earlier redirect may send them elsewhere.
    Redirect.objects.filter(
        site=None, old_path__in=[Redirect.normalise_path(new) for _, new in moves]
    ).delete()
    for old_path, new_path in moves:
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(old_path),
            site=None,
            defaults={"redirect_link": new_path, "is_permanent": True},
        )
