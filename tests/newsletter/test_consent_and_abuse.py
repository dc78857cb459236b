"""Consent that stays revoked, erasure that erases, and limits a stranger cannot use to
flood one inbox: case, sub-addresses and domains count together; addresses no mail
could reach are refused."""

import json
from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from newsletter.models import Subscriber
from newsletter.tokens import manage_token
from tests.newsletter.dns import LocalDNS
from tests.newsletter.smtp import link

from .test_subscriptions import confirmed_reader, path_of, subscribe


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(client, smtp, on_commit, network):
    assert on_commit(lambda: subscribe(client, "reader@example.org", ["all"])).status_code == 202
    old_link = path_of(link(smtp.wait_for(1)[0], "confirm"))
    assert client.post(old_link).status_code == 200  # confirmed
    subscriber = Subscriber.objects.get(email="reader@example.org")
    manage = reverse("newsletter:manage", args=[manage_token(str(subscriber.key))])  # a digest's
    assert client.post(manage, {"action": "unsubscribe"}).status_code == 200
    replayed = client.post(old_link)
    assert replayed.status_code == 400 and "unsubscribed after" in replayed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    # Asking again (after the hour between two confirmation mails) sends a new link, and
    # that one subscribes.
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert on_commit(lambda: subscribe(client, "reader@example.org")).status_code == 202
        fresh = smtp.wait_for(2)[-1]
        assert client.post(path_of(link(fresh, "confirm"))).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def rows_naming(text: str) -> list[str]:
    """Every table and column of the database that holds `text` anywhere, as text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                    f"WHERE CAST({name} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def test_after_erasure_the_address_is_nowhere_in_the_database(
    client, editor_client, smtp, on_commit, network
):
    address = "erase.me@example.org"
    person = confirmed_reader(client, smtp, on_commit, address, ["project:permanet"])
    edit = reverse("newsletter_subscriber:edit", args=[person.pk])
    editor_client.get(edit)
    editor_client.get(reverse("newsletter_subscriber_data", args=[person.pk]))
    assert rows_naming(address)  # the search finds what is there
    erase = reverse("newsletter_subscriber:delete", args=[person.pk])
    assert editor_client.post(erase).status_code == 302
    assert rows_naming(address) == []
    assert rows_naming("erase.me") == []


def test_sub_addresses_and_case_are_one_mailbox(client, settings, network):
    settings.NEWSLETTER_REQUESTS_PER_ADDRESS_PER_HOUR = 3
    answers = [subscribe(client, f"Victim+{n}@Example.org", REMOTE_ADDR=f"192.0.2.{n}").status_code
               for n in range(6)]  # fmt: skip
    assert answers == [202, 202, 202, 429, 429, 429]


def test_a_domain_has_a_ceiling_across_mailboxes_and_clients(client, settings, network):
    settings.NEWSLETTER_REQUESTS_PER_DOMAIN_PER_HOUR = 4
    answers = [subscribe(client, f"person{n}@example.org", REMOTE_ADDR=f"192.0.2.{n}").status_code
               for n in range(6)]  # fmt: skip
    assert answers == [202] * 4 + [429] * 2
    assert subscribe(client, "someone@other.example.net").status_code == 202


@pytest.mark.parametrize(
    "address",
    ["victim@[127.0.0.1]", "victim@[IPv6:::1]", "victim@127.0.0.1", "victim@localhost",
     "victim@intranet", "victim@host.local", "victim@mail.test", "victim@x.invalid",
     "victim@printer.home.arpa"],
)  # fmt: skip
def test_addresses_no_mail_could_reach_are_refused(client, db, address):
    response = subscribe(client, address)
    assert response.status_code == 400, address
    assert response.json()["message"].startswith("email:")


ZONE = """
permanet.eu.        60 IN MX 10 mail.permanet.eu.
mail.permanet.eu.   60 IN A 145.100.0.25
implicit.eu.        60 IN A 145.100.0.26
nullmx.eu.          60 IN MX 0 .
internal.eu.        60 IN MX 10 mx.internal.eu.
mx.internal.eu.     60 IN A 10.1.2.3
"""


@pytest.mark.parametrize(
    ("address", "accepted"),
    [("comms@permanet.eu", True), ("someone@implicit.eu", True),
     ("someone@nullmx.eu", False), ("someone@internal.eu", False),
     ("someone@no-such-domain.eu", False)],
)  # fmt: skip
def test_the_mail_host_check_asks_dns(client, db, settings, address, accepted):
    """A real DNS server on this machine: MX, the implicit MX (an address), a null MX
    (RFC 7505), a mail host on a private address, and a domain that does not exist."""
    with LocalDNS(ZONE) as dns:
        settings.NEWSLETTER_CHECK_MAIL_HOST = True
        settings.NEWSLETTER_DNS_SERVERS = [("127.0.0.1", dns.port)]
        response = subscribe(client, address)
    assert response.status_code == (202 if accepted else 400), response.content
    if not accepted:
        assert json.loads(response.content)["message"].startswith("email:")
