"""Subscribing, confirming, changing topics, unsubscribing and erasure: what the form,
the API, the links in mails and the admin all do, in one place.

No answer depends on whether an address is already known (no enumeration): a request
for a known address sends it a confirmation link like any other, at most once an hour.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone

from limits.rate import RateLimit
from news.filters import FilterError
from news.snippets import Category, PartnerProject

from .confirmation import send_confirmation
from .mailboxes import NoMailHost, check_deliverable, domain_of, mailbox_of
from .models import Consent, Subscriber
from .tokens import InvalidLink, read_confirmation, read_manage_token
from .topics import Topics, parse_topics
from .wording import CURRENT_WORDING

RATE_WINDOW = 3600
MAX_EMAIL_LENGTH = 254  # RFC 5321's limit for a path, and Subscriber.email's size
CONFIRMATION_INTERVAL = timedelta(hours=1)


class Throttled(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Too many requests; try again in {retry_after} s.")
        self.retry_after = retry_after


def known_topics() -> dict[str, set[str]]:
    return {
        "category": set(Category.objects.values_list("slug", flat=True)),
        "project": set(PartnerProject.objects.values_list("slug", flat=True)),
    }


def read_topics(values) -> Topics:
    if values is None:
        return Topics()
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise FilterError("topics", 'must be a list such as ["all"] or ["project:permanet"].')
    return parse_topics(values, known=known_topics())


def normalise_email(raw) -> str:
    if not isinstance(raw, str):
        raise FilterError("email", "must be an e-mail address.")
    email = raw.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH:  # the column's size; longer is no deliverable address
        raise FilterError(
            "email", f"must be an e-mail address of at most {MAX_EMAIL_LENGTH} characters."
        )
    try:
        EmailValidator(allowlist=[])(email)
        check_deliverable(email)
    except ValidationError as error:
        raise FilterError("email", "must be an e-mail address.") from error
    except NoMailHost as error:
        raise FilterError("email", str(error)) from error
    return email


def request_subscription(email: str, topics: Topics, *, client: str) -> None:
    """Count the request against the client's, the mailbox's and the domain's limits,
    then (at most once an hour per address) queue a confirmation mail with a signed link.

    Counted in the database (limits.rate), so the limits hold without the shared cache."""
    limits = (
        (RateLimit("newsletter-client", settings.NEWSLETTER_REQUESTS_PER_CLIENT_PER_HOUR,
                   RATE_WINDOW), client),
        (RateLimit("newsletter-mailbox", settings.NEWSLETTER_REQUESTS_PER_ADDRESS_PER_HOUR,
                   RATE_WINDOW), mailbox_of(email)),
        (RateLimit("newsletter-domain", settings.NEWSLETTER_REQUESTS_PER_DOMAIN_PER_HOUR,
                   RATE_WINDOW), domain_of(email)),
    )  # fmt: skip
    for limit, key in limits:
        if not limit.take(key):
            raise Throttled(limit.retry_after())
    now = timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
        _record(subscriber, Consent.Action.REQUESTED, topics)
        recent = subscriber.confirmation_sent_at
        if recent and now - recent < CONFIRMATION_INTERVAL:
            return
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
        transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk, topics.as_strings()))


def confirm(token: str) -> Subscriber:
    """Apply a confirmation link: the address is confirmed with the topics it asked for,
    unless the person unsubscribed after the link was made."""
    confirmation = read_confirmation(token)
    with transaction.atomic():
        subscriber = _by_key(confirmation.key)
        revoked = subscriber.unsubscribed_at
        if revoked and (confirmation.issued_at is None or confirmation.issued_at <= revoked):
            # Consent withdrawn stays withdrawn: only a link asked for afterwards renews it.
            raise InvalidLink(
                "You unsubscribed after this link was sent, so it no longer subscribes you. "
                "Ask for a new one if you want the newsletter again."
            )
        # A category or project deleted since the request is simply left out.
        topics = parse_topics(confirmation.topics, known=known_topics(), strict=False)
        now = timezone.now()
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.unsubscribed_at = None
            subscriber.digested_until = now  # the first digest holds what comes next
            subscriber.save()
        subscriber.set_topics(topics)
        _record(subscriber, Consent.Action.CONFIRMED, topics)
    return subscriber


def subscriber_for_link(token: str) -> Subscriber:
    return _by_key(read_manage_token(token))


def change_topics(subscriber: Subscriber, topics: Topics) -> None:
    """From the link in a mail (which proves the address): also subscribes again."""
    with transaction.atomic():
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.digested_until = subscriber.confirmed_at
            subscriber.save()
            action = Consent.Action.CONFIRMED
        else:
            action = Consent.Action.TOPICS_CHANGED
        subscriber.set_topics(topics)
        _record(subscriber, action, topics)


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return
    with transaction.atomic():
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        _record(subscriber, Consent.Action.UNSUBSCRIBED, subscriber.topics())


def personal_data(subscriber: Subscriber) -> dict:
    """Everything stored about one person (GDPR art. 15 and 20)."""
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "topics": subscriber.topics().as_strings(),
        "created_at": _iso(subscriber.created_at),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "confirmation_sent_at": _iso(subscriber.confirmation_sent_at),
        "digested_until": _iso(subscriber.digested_until),
        "consents": [
            {
                "action": c.action,
                "at": _iso(c.at),
                "wording_version": c.wording_version,
                "topics": c.topics,
            }
            for c in subscriber.consents.all()
        ],  # fmt: skip
        "deliveries": [
            {
                "digest": d.digest_id,
                "status": d.status,
                "stories": d.stories,
                "sent_at": _iso(d.sent_at),
            }
            for d in subscriber.deliveries.order_by("pk")
        ],  # fmt: skip
    }


def erase(subscriber: Subscriber) -> None:
    """The person and everything stored about them; digest counts stay (they name nobody)."""
    subscriber.delete()


def forget_unconfirmed(now=None) -> int:
    """Addresses never confirmed are kept no longer than their link lives."""
    horizon = (now or timezone.now()) - timedelta(hours=settings.NEWSLETTER_CONFIRM_HOURS)
    stale = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, confirmed_at__isnull=True, created_at__lt=horizon
    ).exclude(confirmation_sent_at__gte=horizon)
    return stale.delete()[1].get("newsletter.Subscriber", 0)


def _by_key(key: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(key=key).first() if _is_uuid(key) else None
    if subscriber is None:
        raise InvalidLink("This link names a subscription that no longer exists.")
    return subscriber


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _record(subscriber: Subscriber, action: str, topics: Topics) -> None:
    Consent.objects.create(
        subscriber=subscriber,
        action=action,
        wording_version=CURRENT_WORDING,
        topics=topics.as_strings(),
    )


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
