"""Sending activities: each to each inbox once, signed by the account it speaks for, from
the worker's `network` lane (beside partner-feed fetching, never in front of the hub's
own jobs).

One activity's inboxes are sent to FEDIVERSE_DELIVERY_CONCURRENCY at a time, each within
the fetch deadline, so one slow server costs its own deadline and delays no other. A
server that answers 5xx, 401, 408, 429 or nothing is tried again with backoff
(FEDIVERSE_RETRY_SECONDS, doubling, at most six hours); another 4xx ends that delivery.
An inbox that answers 410 Gone, or has failed every delivery since its last success for
FEDIVERSE_GIVE_UP_DAYS, is dropped: its followers removed, the drop reported
(DroppedInbox, the worker's log). Blocked domains get nothing, even what was queued.
"""

import json
import logging
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from network.fetch import FetchError, post
from worker import clock

from . import addresses
from .models import BlockedDomain, Delivery, DroppedInbox, Follower
from .remote import ACTIVITY_JSON
from .signatures import digest, sign

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 6 * 3600
BATCH = 1000
# Answers worth trying again: Mastodon answers 401 when its fetch of our key failed.
RETRIED_STATUSES = {401, 408, 429}
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


@dataclass(frozen=True)
class Outgoing:
    """One delivery as the sending thread needs it: plain values, no database."""

    delivery_id: int
    inbox_url: str
    body: bytes
    key_id: str
    private_key: str


def deliver_due(activity_id: int | None = None) -> dict[str, int]:
    """Send every delivery that is due (of one activity, or all): claimed first (another
    worker sends none of them), concurrently, each on its own, each outcome recorded."""
    claimed = _claim(activity_id)
    if not claimed:
        return {}
    blocked = blocked_hosts({_host(item.inbox_url) for item in claimed})
    outgoing, outcomes = [], {}
    for item in claimed:
        if _host(item.inbox_url) in blocked:
            _give_up(item, "the domain is blocked")
            outcomes["blocked"] = outcomes.get("blocked", 0) + 1
            continue
        actor = item.activity.actor
        outgoing.append(Outgoing(
            item.pk, item.inbox_url, json.dumps(item.activity.payload).encode(),
            addresses.key_id(actor.username), actor.private_key,
        ))  # fmt: skip
    with ThreadPoolExecutor(max_workers=settings.FEDIVERSE_DELIVERY_CONCURRENCY) as pool:
        results = list(pool.map(_attempt, outgoing))
    by_id = {item.pk: item for item in claimed}
    for sent, (status, error) in zip(outgoing, results, strict=True):
        outcome = _record(by_id[sent.delivery_id], status, error)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _claim(activity_id: int | None) -> list[Delivery]:
    """The due deliveries, leased to this worker by moving their next attempt past the
    time a round can take (a conditional update: of two workers, each gets its own)."""
    now = timezone.now()
    due = Delivery.objects.filter(delivered_at=None, given_up_at=None, next_attempt_at__lte=now)
    if activity_id is not None:
        due = due.filter(activity_id=activity_id)
    candidates = list(due.values_list("pk", flat=True)[:BATCH])
    if not candidates:
        return []
    lease = now + timedelta(
        seconds=settings.NETWORK_FETCH_TIMEOUT_SECONDS * 2 + 60,
        microseconds=secrets.randbelow(1_000_000),
    )
    due.filter(pk__in=candidates).update(next_attempt_at=lease)
    return list(
        Delivery.objects.filter(pk__in=candidates, next_attempt_at=lease).select_related(
            "activity__actor"
        )
    )


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # an address no server could take: the send reports it
        return ""


def blocked_hosts(hosts: set[str]) -> set[str]:
    """Which of `hosts` are blocked (themselves or a domain above them)."""
    blocked = set(BlockedDomain.objects.values_list("domain", flat=True))
    return {
        host for host in hosts
        if any(host == domain or host.endswith("." + domain) for domain in blocked)
    }  # fmt: skip


def _attempt(sent: Outgoing) -> tuple[int | None, str]:
    """POST one delivery (network only: no database in this thread)."""
    headers = {
        "Content-Type": ACTIVITY_JSON,
        "Accept": ACTIVITY_JSON,
        "User-Agent": settings.NETWORK_USER_AGENT_NAME,
        "Digest": digest(sent.body),
    }

    def signer(method: str, url: str, headers: dict) -> dict:
        return sign(method, url, headers, key_id=sent.key_id, private_key=sent.private_key)

    try:
        return post(sent.inbox_url, sent.body, headers=headers, sign=signer), ""
    except FetchError as error:
        return None, error.reason
    except Exception as error:  # an address no server could take: recorded, never fatal
        logger.warning("fediverse: delivering to %s failed: %r", sent.inbox_url, error)
        return None, f"could not send: {type(error).__name__}"


def _record(item: Delivery, status: int | None, error: str) -> str:
    now = timezone.now()
    item.attempts += 1
    if status is not None and 200 <= status < 300:
        item.delivered_at, item.last_error = now, ""
        item.save(update_fields=["attempts", "delivered_at", "last_error"])
        return "delivered"
    item.last_error = (error or f"HTTP {status}")[:300]
    item.first_failed_at = item.first_failed_at or now
    if status == 410:
        _give_up(item, item.last_error)
        _drop(item, since=item.first_failed_at)
        return "gone"
    if status is not None and 400 <= status < 500 and status not in RETRIED_STATUSES:
        _give_up(item, item.last_error)  # the server refuses this one: no retry helps
        return "refused"
    failing_since = _failing_since(item)
    if now - failing_since >= timedelta(days=settings.FEDIVERSE_GIVE_UP_DAYS):
        _give_up(item, item.last_error)
        _drop(item, since=failing_since)
        return "given up"
    backoff = min(settings.FEDIVERSE_RETRY_SECONDS * 2 ** (item.attempts - 1), MAX_BACKOFF_SECONDS)
    item.next_attempt_at = now + timedelta(seconds=backoff)
    item.save(update_fields=["attempts", "last_error", "first_failed_at", "next_attempt_at"])
    return "retrying"


def _failing_since(item: Delivery):
    """Since when every delivery to this inbox has failed: the first failure after its
    last success (a server answering other deliveries is not gone)."""
    to_inbox = Delivery.objects.filter(inbox_url=item.inbox_url)
    last_success = to_inbox.exclude(delivered_at=None).order_by("-delivered_at").first()
    failures = to_inbox.exclude(first_failed_at=None)
    if last_success is not None:
        failures = failures.filter(first_failed_at__gt=last_success.delivered_at)
    first = failures.order_by("first_failed_at").values_list("first_failed_at", flat=True).first()
    return min(filter(None, (first, item.first_failed_at)))


def _give_up(item: Delivery, reason: str) -> None:
    item.given_up_at, item.last_error = timezone.now(), reason[:300]
    item.attempts = max(item.attempts, 1)
    item.save(update_fields=["attempts", "last_error", "first_failed_at", "given_up_at"])


def _drop(item: Delivery, *, since) -> None:
    """An inbox gone for good: its followers removed, its other deliveries given up, the
    drop reported."""
    removed, _ = Follower.objects.filter(inbox_url=item.inbox_url).delete()
    Delivery.objects.filter(inbox_url=item.inbox_url, delivered_at=None, given_up_at=None).update(
        given_up_at=timezone.now(), last_error="the inbox was dropped"
    )
    DroppedInbox.objects.create(
        inbox_url=item.inbox_url, followers_removed=removed, last_error=item.last_error
    )
    logger.warning(
        "fediverse: dropped %s (%s follower(s) removed, failing since %s): %s",
        item.inbox_url, removed, since.isoformat(), item.last_error,
    )  # fmt: skip


clock.register(
    clock.Periodic(
        name="fediverse-retry",
        every=lambda: timedelta(minutes=1),
        task=retry_deliveries,
        due=_retries_due,
    )
)
