"""Subscribing, double opt-in, digests and unsubscribing, over a real SMTP server."""

import datetime
import json
from urllib.parse import urlsplit

from django.core.management import call_command

import pytest
import time_machine

from newsletter.models import Consent, Delivery, Digest, Subscriber
from tests.factories import make_event, make_events_index, make_news
from tests.newsletter.smtp import html_of, link, text_of

API = "/api/v2/newsletter/subscriptions/"


def subscribe(client, email: str, topics=None, **extra):
    body = {"email": email} if topics is None else {"email": email, "topics": topics}
    return client.post(API, json.dumps(body), content_type="application/json", **extra)


def path_of(url: str) -> str:
    return urlsplit(url).path


def confirmed_reader(client, smtp, on_commit, email: str, topics) -> Subscriber:
    before = len(smtp.messages)
    assert on_commit(lambda: subscribe(client, email, topics)).status_code == 202
    mail = smtp.wait_for(before + 1)[-1]
    assert client.post(path_of(link(mail, "confirm"))).status_code == 200
    return Subscriber.objects.get(email=email)


def test_subscribe_confirm_digest_unsubscribe(client, smtp, on_commit, network, news_index):
    response = on_commit(lambda: subscribe(client, "Reader@Example.org", ["project:permanet"]))
    assert response.status_code == 202
    confirmation = smtp.wait_for(1)[0]
    assert confirmation["To"] == "reader@example.org"
    assert confirmation.is_multipart()
    confirm_path = path_of(link(confirmation, "confirm"))

    # Opening the link (or a mail scanner fetching it) confirms nothing.
    page = client.get(confirm_path)
    assert page.status_code == 200 and b"Yes, subscribe me" in page.content
    reader = Subscriber.objects.get(email="reader@example.org")
    assert reader.status == Subscriber.Status.PENDING
    assert client.post(confirm_path).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.topics().as_strings() == ["project:permanet"]
    assert [c.action for c in reader.consents.all()] == ["requested", "confirmed"]
    assert {c.wording_version for c in reader.consents.all()} == {"2026-11"}

    about = make_news(news_index, title="PERMANET pilot line opens", projects=[network["permanet"]])
    make_news(news_index, title="PASSENGER closes", projects=[network["passenger"]])
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digest = smtp.wait_for(2)[1]
    assert digest["To"] == "reader@example.org"
    text, html = text_of(digest), html_of(digest)
    assert "PERMANET pilot line opens" in text and "PASSENGER closes" not in text
    assert f'href="{about.get_full_url()}"' in html
    assert "Rue d'Egmont 11" in text and "Permanent Magnets Network" in text
    unsubscribe_url = link(digest, "unsubscribe")
    assert digest["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"  # folded: long
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # RFC 8058: the mail client POSTs, without cookies or a CSRF token.
    one_click = client.post(
        path_of(unsubscribe_url), "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert one_click.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    make_news(news_index, title="Later PERMANET news", projects=[network["permanet"]])
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp.messages) == 2


def test_each_digest_holds_only_what_is_new_for_its_reader(
    client, smtp, on_commit, network, news_index, home
):
    everything = confirmed_reader(client, smtp, on_commit, "all@example.org", ["all"])
    policy = confirmed_reader(client, smtp, on_commit, "policy@example.org", ["category:policy"])
    events = make_events_index(home)
    make_news(news_index, title="Policy brief", categories=[network["policy"]])
    make_news(news_index, title="Lab news")
    make_event(events, title="Policy workshop", categories=[network["policy"]])
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    smtp.wait_for(4)
    (all_mail,) = smtp.to(everything.email)[1:]
    (policy_mail,) = smtp.to(policy.email)[1:]
    assert all(t in text_of(all_mail) for t in ("Policy brief", "Lab news", "Policy workshop"))
    assert "Lab news" not in text_of(policy_mail)
    assert "Policy workshop" in text_of(policy_mail) and "COMING UP" in text_of(policy_mail)

    # The next digest holds only what came after; with nothing new, nothing is sent.
    make_news(news_index, title="Second lab news")
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mails = smtp.wait_for(5)
    assert "Second lab news" in text_of(mails[4]) and "Policy brief" not in text_of(mails[4])
    assert len(smtp.to(policy.email)) == 2
    latest = Digest.objects.first()
    assert (latest.recipients, latest.sent, latest.nothing_new) == (2, 1, 1)


def test_expired_and_tampered_links_are_refused(client, smtp, on_commit, network):
    on_commit(lambda: subscribe(client, "late@example.org"))
    confirm_path = path_of(link(smtp.wait_for(1)[0], "confirm"))
    tampered = confirm_path.replace(confirm_path[-6:-1], "AAAAA")
    assert client.post(tampered).status_code == 400
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=49)
    with time_machine.travel(later, tick=False):
        refused = client.post(confirm_path)
    assert refused.status_code == 400 and b"expired" in refused.content
    assert Subscriber.objects.get(email="late@example.org").status == "pending"
    assert client.post("/newsletter/unsubscribe/not-a-token/").status_code == 400


def test_one_confirmation_an_hour_and_the_same_answer_for_everyone(
    client, smtp, on_commit, network
):
    confirmed_reader(client, smtp, on_commit, "known@example.org", ["all"])
    answers = [on_commit(lambda: subscribe(client, "new@example.org")).json() for _ in range(3)]
    answers.append(on_commit(lambda: subscribe(client, "known@example.org")).json())
    assert all(answer == answers[0] for answer in answers)
    smtp.wait_for(2)  # known's first confirmation and new's: no more within the hour
    assert (len(smtp.to("new@example.org")), len(smtp.to("known@example.org"))) == (1, 1)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=61)
    with time_machine.travel(later, tick=False):
        on_commit(lambda: subscribe(client, "new@example.org"))
    smtp.wait_for(3)
    assert len(smtp.to("new@example.org")) == 2


def test_requests_are_rate_limited_per_address_and_per_client(client, settings, network):
    settings.NEWSLETTER_REQUESTS_PER_ADDRESS_PER_HOUR = 2
    settings.NEWSLETTER_REQUESTS_PER_CLIENT_PER_HOUR = 4
    assert [subscribe(client, "a@example.org").status_code for _ in range(3)] == [202, 202, 429]
    limited = subscribe(client, "a@example.org")
    assert 0 < int(limited["Retry-After"]) <= 3600  # until the hour's window ends
    assert subscribe(client, "b@example.org").status_code == 429  # the client's 4 are used
    other = subscribe(client, "b@example.org", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 202


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"email": "not an address"}, "email"),
        ({"email": 42}, "email"),
        # Valid-looking but 255 characters: PostgreSQL refused it with a 503 before.
        ({"email": "0@" + ".".join(["a" * 63] * 3) + "." + "a" * 61}, "email"),
        ({"email": "a@example.org", "topics": "all"}, "topics"),
        ({"email": "a@example.org", "topics": ["project:nope"]}, "topics"),
        ({"email": "a@example.org", "topics": ["planet:mars"]}, "topics"),
        ({"email": "a@example.org", "colour": "blue"}, "colour"),
        ([1, 2], "body"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, network, body, named):
    response = client.post(API, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{named}:")


def test_the_form_on_every_page_subscribes(client, smtp, on_commit, news_index, network):
    story = make_news(news_index, title="A story")
    page = client.get(story.url).content.decode()
    assert 'action="/newsletter/"' in page and 'name="email"' in page
    response = on_commit(
        lambda: client.post("/newsletter/", {"email": "form@example.org", "everything": "on"})
    )
    assert response.status_code == 302 and response["Location"] == "/newsletter/requested/"
    assert smtp.wait_for(1)[0]["To"] == "form@example.org"
    assert client.post("/newsletter/", {"email": "nope"}).status_code == 400


def test_the_manage_page_changes_topics_and_unsubscribes(client, smtp, on_commit, network):
    reader = confirmed_reader(client, smtp, on_commit, "m@example.org", ["all"])
    from newsletter.tokens import manage_token

    manage = f"/newsletter/manage/{manage_token(str(reader.key))}/"
    assert b"Save topics" in client.get(manage).content
    # Ticking a project wins over the "everything" box, which is ticked by default.
    client.post(manage, {"action": "save", "everything": "on", "topics": ["project:passenger"]})
    reader.refresh_from_db()
    assert reader.topics().as_strings() == ["project:passenger"]
    client.post(manage, {"action": "unsubscribe"})
    reader.refresh_from_db()
    assert reader.status == "unsubscribed"
    assert [c.action for c in reader.consents.all()][-2:] == ["topics-changed", "unsubscribed"]


def test_consent_records_keep_no_client_address(client, smtp, on_commit, network):
    confirmed_reader(client, smtp, on_commit, "c@example.org", ["category:policy"])
    stored = json.dumps(list(Consent.objects.values()), default=str) + json.dumps(
        list(Subscriber.objects.values()), default=str
    )
    assert "127.0.0.1" not in stored
    assert {f.name for f in Consent._meta.get_fields()} == {
        "id", "subscriber", "action", "at", "wording_version", "topics",
    }  # fmt: skip


def test_deliveries_say_what_each_person_got(client, smtp, on_commit, network, news_index):
    reader = confirmed_reader(client, smtp, on_commit, "d@example.org", ["all"])
    make_news(news_index, title="Something new")
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    delivery = Delivery.objects.get(subscriber=reader)
    assert (delivery.status, delivery.stories) == ("sent", 1)
