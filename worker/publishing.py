"""Scheduled publishing on time, with no request needed and no GET ever writing.

The worker's clock asks every WORKER_CLOCK_SECONDS whether anything is due (two indexed
queries); when something is, `publish_scheduled` runs: each due revision is published in
its own transaction through Wagtail's own publishing (signals, log, cache invalidation),
and each expired page or snippet is unpublished. A revision that fails validation is
rolled back, taken off the schedule, logged in the page's history and mailed to its
editors: never retried forever, never dropped silently. A revision another worker
published meanwhile is skipped, so a killed and restarted job publishes nothing twice.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, Revision

from django_tasks import task

from . import clock

logger = logging.getLogger(__name__)
FAILED_ACTION = "worker.publish.scheduled_failed"


def scheduled_models() -> list:
    """Pages and every snippet with drafts: what Wagtail's own command handles too."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def anything_due() -> bool:
    now = timezone.now()
    if Revision.objects.filter(approved_go_live_at__lte=now).exists():
        return True
    return any(
        model.objects.filter(live=True, expire_at__lte=now).exists() for model in scheduled_models()
    )


# Before any backlog of other jobs: a story's go-live time is a promise to readers.
SCHEDULED_PUBLISHING_PRIORITY = 50


@task(priority=SCHEDULED_PUBLISHING_PRIORITY)
def publish_scheduled() -> dict:
    now = timezone.now()
    outcome = {"published": 0, "failed": 0, "expired": 0}
    for model in scheduled_models():
        for pk in model.objects.filter(live=True, expire_at__lte=now).values_list("pk", flat=True):
            outcome["expired"] += expire(model, pk, now)
    due = Revision.objects.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    for revision_id in due.values_list("pk", flat=True):
        outcome[publish(revision_id, now)] += 1
    return outcome


def expire(model, pk, now) -> int:
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=pk, live=True, expire_at__lte=now).first()
        if obj is None:
            return 0  # another worker did it
        obj = obj.specific if isinstance(obj, Page) else obj
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return 1


def publish(revision_id: int, now) -> str:
    try:
        with transaction.atomic():
            revision = (
                Revision.objects.select_for_update()
                .filter(pk=revision_id, approved_go_live_at__lte=now)
                .first()
            )
            if revision is None:
                return "published"  # another worker did it
            revision.publish(log_action="wagtail.publish.scheduled")
    except (ValidationError, IntegrityError) as error:
        report_failure(revision_id, error)
        return "failed"
    return "published"


def report_failure(revision_id: int, error: Exception) -> None:
    revision = Revision.objects.select_related("user").get(pk=revision_id)
    Revision.objects.filter(pk=revision_id).update(approved_go_live_at=None)
    obj = revision.as_object()
    problems = _problems(error)
    logger.warning("scheduled publishing of %r failed: %s", str(obj), problems)
    log(instance=obj, action=FAILED_ACTION, data={"errors": problems}, revision=revision)
    recipients = {
        user.email
        for user in (revision.user, getattr(obj, "owner", None))
        if user is not None and user.email and user.is_active
    } or set(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        context = {"object": obj, "problems": problems, "edit_url": _edit_url(obj)}
        send_mail(
            subject=f"Scheduled publishing of “{obj}” failed",
            message=render_to_string("worker/scheduled_publishing_failed.txt", context),
            from_email=None,
            recipient_list=sorted(recipients),
        )


def _problems(error: Exception) -> dict[str, list[str]]:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(error)]}


def _edit_url(obj) -> str:
    try:
        path = reverse("wagtailadmin_pages:edit", args=[obj.pk]) if isinstance(obj, Page) else ""
    except NoReverseMatch:
        path = ""
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}" if path else settings.WAGTAILADMIN_BASE_URL


clock.register(
    clock.Periodic(
        name="publish-scheduled",
        every=lambda: timedelta(seconds=settings.WORKER_CLOCK_SECONDS),
        task=publish_scheduled,
        due=anything_due,
    )
)
