"""Sending a digest: a delivery record per confirmed subscriber, then batches of them.

Each batch is read with its subscribers' topics in three queries; subscribers with the
same topics and window share one rendering. A delivery is marked sent right after the
mail server accepts its mail, one row at a time: that record is what lets a worker
killed mid-digest resume with exactly the subscribers still waiting. (A kill in the
instant between the server's acceptance and that write would send one mail twice; every
other moment is safe.)
"""

import logging
from collections import Counter
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from events.models import EventPage
from news.models import NewsPage

from .content import DigestBuilder
from .links import manage_url, site_for_mail, unsubscribe_url
from .mail import message
from .models import Delivery, Digest, DigestPage, DigestProject, Subscriber

logger = logging.getLogger(__name__)


def start_digest(trigger: str, *, user=None, until=None) -> Digest:
    """A digest of everything published up to now, with a delivery waiting for every
    confirmed subscriber (written in batches)."""
    batch = settings.NEWSLETTER_BATCH_SIZE
    with transaction.atomic():
        digest = Digest.objects.create(
            until=until or timezone.now(), trigger=trigger, created_by=user
        )
        confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        ids = list(confirmed.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            Delivery.objects.bulk_create(
                [Delivery(digest=digest, subscriber_id=pk) for pk in ids[start : start + batch]],
                batch_size=batch,
            )
        digest.recipients = len(ids)
        digest.save(update_fields=["recipients"])
    return digest


def send_digest(digest: Digest, *, connection=None) -> dict:
    """Send every delivery still waiting, batch by batch; safe to run again at any time."""
    waiting = Delivery.objects.filter(digest=digest, status=Delivery.Status.PENDING)
    earliest = waiting.aggregate(earliest=Min("subscriber__digested_until"))["earliest"]
    builder = DigestBuilder(site=site_for_mail(), until=digest.until, earliest=earliest)
    while batch := _next_batch(digest):
        _send_batch(digest, batch, builder, connection)
    return finish(digest, renderings=builder.renderings)


def _next_batch(digest: Digest) -> list[Delivery]:
    return list(
        Delivery.objects.filter(digest=digest, status=Delivery.Status.PENDING)
        .select_related("subscriber")
        .prefetch_related("subscriber__categories", "subscriber__projects")
        .order_by("pk")[: settings.NEWSLETTER_BATCH_SIZE]
    )


class MailServerUnavailable(Exception):
    """The mail server could not be reached: nothing in the batch was sent; the digest
    stays open with its deliveries waiting, to be resumed."""


def _open(connection):
    smtp = connection or get_connection()
    try:
        smtp.open()
    except (SMTPException, OSError) as error:
        raise MailServerUnavailable(str(error)) from error
    return smtp


def _send_batch(digest, batch, builder: DigestBuilder, connection) -> None:
    site = builder.site
    nothing_new, gone = [], []
    with _open(connection) as smtp:
        for delivery in batch:
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                gone.append(delivery.pk)
                continue
            shared = builder.digest_for(subscriber.topics(), subscriber.digested_until)
            if shared is None:
                nothing_new.append(delivery.pk)
                continue
            rendered, pages = shared
            key = str(subscriber.key)
            unsubscribe = unsubscribe_url(site, key)
            mail = message(
                rendered.personal(manage_url=manage_url(site, key), unsubscribe_url=unsubscribe),
                to=subscriber.email,
                unsubscribe_url=unsubscribe,
            )
            try:
                smtp.send_messages([mail])
            except (SMTPException, OSError) as error:
                logger.warning("digest %s to %s failed: %s", digest.pk, subscriber.pk, error)
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.FAILED, error=str(error)[:500]
                )
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), stories=len(pages),
                pages=list(pages),
            )  # fmt: skip
    Delivery.objects.filter(pk__in=nothing_new).update(status=Delivery.Status.NOTHING_NEW)
    Delivery.objects.filter(pk__in=gone).update(status=Delivery.Status.UNSUBSCRIBED)


def _record_what_it_carried(digest: Digest) -> None:
    """Per story or event, and per project, how many subscribers the digest brought it
    (read by the reach report); written again whole when a digest is finished again."""
    per_page: Counter = Counter()
    per_project: Counter = Counter()
    sent = Delivery.objects.filter(digest=digest, status=Delivery.Status.SENT)
    carried = [set(pages) for pages in sent.values_list("pages", flat=True).iterator()]
    projects_of = _projects_of(set().union(*carried))
    for pages in carried:
        per_page.update(pages)
        per_project.update(set().union(*(projects_of.get(page, ()) for page in pages)))
    with transaction.atomic():
        DigestPage.objects.filter(digest=digest).delete()
        DigestProject.objects.filter(digest=digest).delete()
        DigestPage.objects.bulk_create(
            DigestPage(digest=digest, page_id=page, recipients=n) for page, n in per_page.items()
        )
        DigestProject.objects.bulk_create(
            DigestProject(digest=digest, project_id=project, recipients=n)
            for project, n in per_project.items()
        )


def _projects_of(page_ids: set[int]) -> dict[int, set[int]]:
    projects: dict[int, set[int]] = {}
    for through, page_field in (
        (NewsPage.projects.through, "newspage_id"),
        (EventPage.projects.through, "eventpage_id"),
    ):
        rows = through.objects.filter(**{f"{page_field}__in": page_ids})
        for page, project in rows.values_list(page_field, "partnerproject_id"):
            projects.setdefault(page, set()).add(project)
    return projects


def finish(digest: Digest, *, renderings: int = 0) -> dict:
    """Counts, and each subscriber's window moves on (not for failed deliveries: what
    they missed comes in their next digest)."""
    deliveries = Delivery.objects.filter(digest=digest)
    Subscriber.objects.filter(
        deliveries__digest=digest,
        deliveries__status__in=[Delivery.Status.SENT, Delivery.Status.NOTHING_NEW],
    ).update(digested_until=digest.until)
    by_status = dict(deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    counts = {
        status: by_status.get(status, 0)
        for status in (Delivery.Status.SENT, Delivery.Status.NOTHING_NEW, Delivery.Status.FAILED)
    }
    _record_what_it_carried(digest)
    Digest.objects.filter(pk=digest.pk).update(
        state=Digest.State.DONE,
        finished_at=timezone.now(),
        sent=counts[Delivery.Status.SENT],
        nothing_new=counts[Delivery.Status.NOTHING_NEW],
        failed=counts[Delivery.Status.FAILED],
    )
    return {"digest": digest.pk, "renderings": renderings, **counts}
