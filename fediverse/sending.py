"""Queueing activities for delivery: recorded with the change that causes them, sent by
the worker once that change commits (fediverse.delivery)."""

from django.db import transaction
from django.utils import timezone

from . import addresses
from .delivery import deliver_activity
from .models import Activity, Actor, Delivery, Follower


def send(actor: Actor, document: dict, inboxes) -> Activity:
    """Record `document` (given an id if it has none) and its deliveries to `inboxes`
    (each once), and have the worker send them when this transaction commits."""
    activity = Activity(actor=actor, type=document["type"], payload={})
    if not document.get("id"):
        document = {**document, "id": addresses.activity_url(activity.uuid)}
    activity.payload = document
    activity.save()
    now = timezone.now()
    Delivery.objects.bulk_create(
        [Delivery(activity=activity, inbox_url=inbox, next_attempt_at=now)
         for inbox in sorted(set(inboxes))]
    )  # fmt: skip
    transaction.on_commit(lambda: deliver_activity.enqueue(activity_id=activity.pk))
    return activity


def inboxes_of(actors) -> list[str]:
    """The distinct inboxes (shared ones where servers have them) of these accounts' followers."""
    return sorted(
        set(Follower.objects.filter(actor__in=actors).values_list("inbox_url", flat=True))
    )
