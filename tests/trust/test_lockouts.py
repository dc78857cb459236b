"""Lockouts and guess limits see the real client, so strangers cannot lock editors out."""

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
    settings.PROXY_COUNT = 1
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for _ in range(5):
        login(client, "wrong", "203.0.113.66")
    assert login(client, "correct-horse", "203.0.113.66").status_code == 429
    # The editor, behind the same proxy, is not locked out by the stranger's guesses.
    assert login(client, "correct-horse", "198.51.100.7").status_code == 302


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(client, django_user_model, settings):
    settings.PROXY_COUNT = 1
    django_user_model.objects.create_superuser("editor", "e@example.org", "correct-horse")
    for n in range(5):
        # The proxy appends the real address after whatever the client claimed.
        login(client, "wrong", f"192.0.2.{n}, 203.0.113.66")
    assert login(client, "correct-horse", "192.0.2.99, 203.0.113.66").status_code == 429


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
    assert int(blocked["Retry-After"]) == settings.LOGIN_LOCKOUT_MINUTES * 60
    other = client.post(
        url, {"password": "s3cret", "return_url": return_url}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302  # another reader is not blocked
