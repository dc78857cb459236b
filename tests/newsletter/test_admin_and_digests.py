"""The newsletter in the admin, and digests built once per group of readers."""

import csv
import io
import json

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from newsletter import sending
from newsletter.models import Consent, Delivery, Digest, Subscriber
from newsletter.topics import Topics
from tests.deploy.live import free_port
from tests.factories import (
    make_category,
    make_event,
    make_events_index,
    make_hidden_pages,
    make_news,
    make_private,
    make_project,
)

EVERYTHING = Topics()


def reader(email: str, topics: Topics = EVERYTHING, status: str = "confirmed") -> Subscriber:
    confirmed_at = timezone.now() if status == "confirmed" else None
    subscriber = Subscriber.objects.create(
        email=email, status=status, confirmed_at=confirmed_at, digested_until=confirmed_at
    )
    subscriber.set_topics(topics)
    Consent.objects.create(subscriber=subscriber, action="confirmed", wording_version="2026-11")
    return subscriber


@pytest.fixture
def readers(news_index):
    make_project("PERMANET"), make_category("Policy")
    return {
        "all": reader("all@example.org"),
        "permanet": reader("p@example.org", Topics(False, (), ("permanet",))),
        "pending": reader("pending@example.org", status="pending"),
        "gone": reader("gone@example.org", status="unsubscribed"),
    }


def test_subscribers_listing_searches_filters_and_exports(editor_client, readers):
    index = reverse("newsletter_subscriber:index")
    html = editor_client.get(index, {"q": "p@example"}).content.decode()
    assert "p@example.org" in html and "all@example.org" not in html
    html = editor_client.get(index, {"status": "pending"}).content.decode()
    assert "pending@example.org" in html and "all@example.org" not in html
    export = editor_client.get(index, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    by_email = {row["Email"]: row for row in rows}
    assert by_email["p@example.org"]["Topics"] == "project:permanet"
    assert len(rows) == 4
    refused = editor_client.get(reverse("newsletter_subscriber:add"))  # only double opt-in
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_one_persons_data_and_erasure(editor_client, readers, news_index):
    person = readers["permanet"]
    make_news(news_index, title="Something")
    digest = sending.start_digest(Digest.Trigger.ADMIN)
    sending.send_digest(digest)
    data = editor_client.get(reverse("newsletter_subscriber_data", args=[person.pk]))
    assert data["Content-Disposition"].startswith("attachment;")
    exported = json.loads(data.content)
    assert exported["email"] == "p@example.org"
    assert exported["consents"][0]["wording_version"] == "2026-11"
    assert exported["deliveries"][0]["status"] == "nothing-new"

    delete = reverse("newsletter_subscriber:delete", args=[person.pk])
    assert editor_client.post(delete).status_code == 302
    assert not Subscriber.objects.filter(email="p@example.org").exists()
    assert not Consent.objects.filter(subscriber_id=person.pk).exists()
    assert not Delivery.objects.filter(subscriber_id=person.pk).exists()
    digest.refresh_from_db()
    assert (digest.recipients, digest.sent, digest.nothing_new) == (2, 1, 1)  # counts stay


def test_send_now_previews_then_sends(
    editor_client, readers, news_index, django_capture_on_commit_callbacks
):
    make_news(news_index, title="Fresh news for the preview")
    page = editor_client.get(reverse("newsletter_send_now")).content.decode()
    assert "Fresh news for the preview" in page and "Send to 2 subscribers" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("newsletter_send_now"))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["all@example.org"]
    history = editor_client.get(reverse("newsletter_digest:index")).content.decode()
    assert "Sent from the admin" in history


def test_readers_with_the_same_topics_share_one_rendering(
    news_index, django_assert_max_num_queries, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 10
    policy = make_category("Policy")
    for n in range(30):
        reader(f"r{n}@example.org", Topics() if n % 2 else Topics(False, ("policy",), ()))
    make_news(news_index, title="Policy news", categories=[policy])
    make_news(news_index, title="Other news")
    digest = sending.start_digest(Digest.Trigger.COMMAND)
    outcome = sending.send_digest(digest)
    assert outcome["renderings"] == 2
    assert outcome["sent"] == 30 and len(mail.outbox) == 30
    texts = {m.to[0]: m.body for m in mail.outbox}
    assert "Other news" not in texts["r0@example.org"] and "Other news" in texts["r1@example.org"]
    # Each mail's links are its reader's own.
    assert len({m.extra_headers["List-Unsubscribe"] for m in mail.outbox}) == 30


def test_a_refused_mail_is_recorded_and_its_stories_come_next_time(news_index, smtp):
    refused = reader("refused@example.org")
    reader("fine@example.org")
    make_news(news_index, title="Story one")
    smtp.refuse.add("refused@example.org")
    outcome = sending.send_digest(sending.start_digest(Digest.Trigger.COMMAND))
    assert (outcome["sent"], outcome["failed"]) == (1, 1)
    assert "550" in Delivery.objects.get(subscriber=refused).error
    refused.refresh_from_db()
    assert refused.digested_until == refused.confirmed_at  # its window did not move on
    smtp.refuse.clear()
    sending.send_digest(sending.start_digest(Digest.Trigger.COMMAND))
    assert [m["To"] for m in smtp.wait_for(2)] == ["fine@example.org", "refused@example.org"]
    assert "Story one" in smtp.messages[-1].get_body(("plain",)).get_content()


def test_an_unreachable_mail_server_leaves_the_digest_waiting(news_index, settings):
    reader("patient@example.org")
    make_news(news_index, title="Story")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    digest = sending.start_digest(Digest.Trigger.COMMAND)
    with pytest.raises(sending.MailServerUnavailable):
        sending.send_digest(digest)
    assert digest.deliveries.get().status == "pending"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sending.send_digest(digest)["sent"] == 1


def test_the_command_dry_run_says_who_would_get_what_and_sends_nothing(readers, news_index):
    make_news(news_index, title="News for everyone")
    out = io.StringIO()
    call_command("send_newsletter", "--dry-run", stdout=out)
    assert "1 subscriber(s) of all: 1 item(s)" in out.getvalue()
    assert "1 subscriber(s) of project:permanet: 0 item(s)" in out.getvalue()
    assert "Would send 1 mail(s); nothing was sent." in out.getvalue()
    assert mail.outbox == [] and not Digest.objects.exists()
    call_command("send_newsletter", stdout=out)
    assert [m.to for m in mail.outbox] == [["all@example.org"]]
    assert "Digest" in out.getvalue() and "1 sent" in out.getvalue()


def test_nothing_unpublishable_reaches_a_digest(news_index, home):
    reader("all@example.org")
    make_hidden_pages(news_index)
    events = make_events_index(home)
    make_event(events, title="Hidden draft event", publish=False)
    make_private(make_event(events, title="Hidden private event"))
    make_news(news_index, title="Visible news")
    sending.send_digest(sending.start_digest(Digest.Trigger.COMMAND))
    (digest,) = mail.outbox
    html = digest.alternatives[0][0]
    assert "Visible news" in digest.body
    assert "Hidden" not in digest.body and "Hidden" not in html
