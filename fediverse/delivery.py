"""Sending activities: each to each inbox once, signed by the account it speaks for, from
the worker's `network` lane (beside partner-feed fetching, never in front of the hub's
own jobs).

One activity's inboxes are sent to FEDIVERSE_DELIVERY_CONCURRENCY at a time, each within
the fetch deadline, so one slow server costs its own deadline and delays no other. A
server that answers 5xx, 429 or nothing is tried again with backoff
(FEDIVERSE_RETRY_SECONDS, doubling, at most six hours); one that refuses for good (4xx)
or has failed for FEDIVERSE_GIVE_UP_DAYS is given up, and when it has failed for that
long its followers are removed and the drop reported (DroppedInbox, the worker's log).
"""

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from django_tasks import task

from network.fetch import FetchError, post
from worker import clock

from . import addresses
from .models import Delivery, DroppedInbox, Follower
from .remote import ACTIVITY_JSON
from .signatures import digest, sign

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 3600
QUEUE = "network"  # the lane of jobs that wait on other people's servers


@task(queue_name=QUEUE)
def deliver_activity(activity_id: int) -> dict[str, int]:
    """Send one activity to its inboxes (queued when the change that caused it commits)."""
    return deliver_due(activity_id)


@task(queue_name=QUEUE)
def retry_deliveries() -> dict[str, int]:
    """Send the deliveries whose next attempt is due."""
    return deliver_due()


def _retries_due() -> bool:
    return Delivery.objects.filter(
        delivered_at=None, given_up_at=None, next_attempt_at__lte=timezone.now()
    ).exists()


def deliver_due(activity_id: int | None = None) -> dict[str, int]:
    """Send every delivery that is due (of one activity, or all): concurrently, each on
    its own, each outcome recorded."""
    due = Delivery.objects.filter(
        delivered_at=None, given_up_at=None, next_attempt_at__lte=timezone.now()
    ).select_related("activity__actor")
    if activity_id is not None:
        due = due.filter(activity_id=activity_id)
    deliveries = list(due[:1000])
    if not deliveries:
        return {}
    with ThreadPoolExecutor(max_workers=settings.FEDIVERSE_DELIVERY_CONCURRENCY) as pool:
        results = list(pool.map(_attempt, deliveries))
    outcomes: dict[str, int] = {}
    for item, (status, error) in zip(deliveries, results, strict=True):
        outcome = _record(item, status, error)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _attempt(item: Delivery) -> tuple[int | None, str]:
    """POST one delivery (network only: no database in this thread)."""
    actor = item.activity.actor
    body = json.dumps(item.activity.payload).encode()
    headers = {
        "Content-Type": ACTIVITY_JSON,
        "Accept": ACTIVITY_JSON,
        "User-Agent": settings.NETWORK_USER_AGENT_NAME,
        "Digest": digest(body),
    }

    def signer(method: str, url: str, headers: dict) -> dict:
        key = addresses.key_id(actor.username)
        return sign(method, url, headers, key_id=key, private_key=actor.private_key)

    try:
        return post(item.inbox_url, body, headers=headers, sign=signer), ""
    except FetchError as error:
        return None, error.reason
    finally:
        close_old_connections()


def _record(item: Delivery, status: int | None, error: str) -> str:
    now = timezone.now()
    item.attempts += 1
    if status is not None and 200 <= status < 300:
        item.delivered_at, item.last_error = now, ""
        item.save(update_fields=["attempts", "delivered_at", "last_error"])
        return "delivered"
    item.last_error = (error or f"HTTP {status}")[:300]
    permanent = status is not None and 400 <= status < 500 and status not in (408, 429)
    failing_for = now - item.activity.created_at
    if permanent or failing_for >= timedelta(days=settings.FEDIVERSE_GIVE_UP_DAYS):
        item.given_up_at = now
        item.save(update_fields=["attempts", "last_error", "given_up_at"])
        if status == 410 or failing_for >= timedelta(days=settings.FEDIVERSE_GIVE_UP_DAYS):
            _drop(item)
        return "given up"
    backoff = min(settings.FEDIVERSE_RETRY_SECONDS * 2 ** (item.attempts - 1), MAX_BACKOFF_SECONDS)
    item.next_attempt_at = now + timedelta(seconds=backoff)
    item.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    return "retrying"


def _drop(item: Delivery) -> None:
    """An inbox gone for good: its followers removed, the drop reported."""
    removed, _ = Follower.objects.filter(inbox_url=item.inbox_url).delete()
    DroppedInbox.objects.create(
        inbox_url=item.inbox_url, followers_removed=removed, last_error=item.last_error
    )
    logger.warning(
        "fediverse: dropped %s (%s follower(s) removed): %s", item.inbox_url, removed,
        item.last_error,
    )  # fmt: skip


clock.register(
    clock.Periodic(
        name="fediverse-retry",
        every=lambda: timedelta(minutes=1),
        task=retry_deliveries,
        due=_retries_due,
    )
)
