"""Lockouts and guess limits see the real client, so strangers cannot lock editors out."""

import ipaddress

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import in_collection, make_document, make_news, make_private_collection

PROXY = "10.0.0.2"  # the documented proxy: every request arrives from it


def login(client, password, client_address):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_behind_the_proxy_a_strangers_failures_lock_out_only_the_stranger(
    client, django_user_model, settings
):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network(PROXY),)
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for _ in range(5):
        login(client, "wrong", "203.0.113.66")
    assert login(client, "correct-horse", "203.0.113.66").status_code == 429
    # The editor, behind the same proxy, is not locked out by the stranger's guesses.
    assert login(client, "correct-horse", "198.51.100.7").status_code == 302


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(client, django_user_model, settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network(PROXY),)
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for n in range(5):
        # The proxy appends the real address after whatever the client claimed.
        login(client, "wrong", f"192.0.2.{n}, 203.0.113.66")
    assert login(client, "correct-horse", "192.0.2.99, 203.0.113.66").status_code == 429


def test_forwarded_addresses_from_an_unnamed_peer_are_ignored(client, django_user_model):
    """No proxy named (the default, and `docker run -p` with nothing in front): a client
    rotating X-Forwarded-For is still one client, locked out after its guesses."""
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for n in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"},
                    REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")  # fmt: skip
    locked = client.post("/admin/login/", {"username": "editor", "password": "correct-horse"},
                         REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="192.0.2.99")  # fmt: skip
    assert locked.status_code == 429


def test_a_chain_of_named_proxies_is_walked_to_the_first_stranger(rf, settings):
    from limits.client_ip import client_ip

    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    request = rf.get("/", REMOTE_ADDR="10.0.0.2",
                     HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.66, 10.0.0.9")  # fmt: skip
    assert client_ip(request) == "203.0.113.66"  # the client's own claim (6.6.6.6) unread
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="junk")) == (
        "10.0.0.2"
    )


@pytest.fixture
def page_password(news_index):
    page = make_news(news_index, title="Partners only")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="s3cret"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return url, page


@pytest.fixture
def collection_password(db):
    private = make_private_collection("Partners", kind="password", password="s3cret")
    restriction = private.get_view_restrictions().get()
    document = in_collection(make_document("Partners' report"), private)
    return reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]), document


@pytest.mark.parametrize("form", ["page_password", "collection_password"])
def test_passwords_get_a_guess_limit_per_client(client, request, form, settings):
    url, target = request.getfixturevalue(form)
    return_url = target.url
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        wrong = client.post(url, {"password": "guess", "return_url": return_url})
        assert wrong.status_code == 200
    blocked = client.post(url, {"password": "s3cret", "return_url": return_url})
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= settings.LOGIN_LOCKOUT_MINUTES * 60
    other = client.post(
        url, {"password": "s3cret", "return_url": return_url}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302  # another reader is not blocked
