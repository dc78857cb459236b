"""The newsletter's jobs on the worker: digests (scheduled, or started from the admin or
the command) and forgetting addresses that were never confirmed.

A digest is sent by one `send_digest` job. If its worker dies, the worker's liveness
check puts the job back in the queue, and the next run sends only the deliveries still
waiting.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from django_tasks import task

from worker import clock
from worker.retry import retry_later

from . import sending, subscriptions
from .models import Digest
from .schedule import scheduled_digest_due


@task()
def send_digest(digest_id: int, attempt: int = 1) -> dict:
    """Send what waits; if the mail server cannot be reached, try again later (with
    backoff, NEWSLETTER_MAX_ATTEMPTS times) from where it stopped."""
    digest = Digest.objects.filter(pk=digest_id).first()
    if digest is None:
        return {"digest": digest_id, "gone": True}
    try:
        return sending.send_digest(digest)
    except sending.MailServerUnavailable:
        retry_later(
            send_digest,
            attempt=attempt,
            max_attempts=settings.NEWSLETTER_MAX_ATTEMPTS,
            base=60,
            cap=3600,
            digest_id=digest_id,
        )
        raise


def queue_digest(trigger: str, *, user=None) -> Digest:
    """Start a digest and queue its sending once the deliveries are committed."""
    with transaction.atomic():
        digest = sending.start_digest(trigger, user=user)
        transaction.on_commit(lambda: send_digest.enqueue(digest.pk))
    return digest


@task()
def start_scheduled_digest() -> int | None:
    if not scheduled_digest_due():
        return None
    return queue_digest(Digest.Trigger.SCHEDULE).pk


@task()
def forget_unconfirmed() -> int:
    return subscriptions.forget_unconfirmed()


clock.register(
    clock.Periodic(
        name="newsletter-digest",
        every=lambda: timedelta(minutes=1),
        task=start_scheduled_digest,
        due=scheduled_digest_due,
    )
)
clock.register(
    clock.Periodic(
        name="newsletter-forget-unconfirmed",
        every=lambda: timedelta(hours=1),
        task=forget_unconfirmed,
    )
)
