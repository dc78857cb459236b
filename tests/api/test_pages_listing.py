"""Visibility, schedules and credentials in the API listing and detail."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from news.models import NewsPage
from tests.api.conftest import api_get
from tests.factories import make_hidden_pages, make_news

LISTING = "/api/v2/pages/"


def ids(data):
    return [item["id"] for item in data["items"]]


@pytest.mark.indexes
def test_unpublishable_pages_are_never_listed_or_served(client, news_index):
    visible = make_news(news_index, title="Visible")
    hidden = make_hidden_pages(news_index)
    for params in ({}, {"type": "news.NewsPage"}, {"type": "news.NewsPage", "fields": "*"}):
        _, data = api_get(client, LISTING, limit=100, **params)
        listed = set(ids(data))
        assert visible.pk in listed
        for reason, page in hidden.items():
            assert page.pk not in listed, reason
    for reason, page in hidden.items():
        assert client.get(f"{LISTING}{page.pk}/").status_code == 404, reason
    _, data = api_get(client, LISTING, search="Hidden", type="news.NewsPage")
    assert ids(data) == []


def test_expired_page_disappears_at_its_expiry_without_a_command(client, news_index):
    page = make_news(news_index, title="Short-lived")
    page.expire_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    assert client.get(f"{LISTING}{page.pk}/").status_code == 200
    assert page.pk in ids(api_get(client, LISTING, type="news.NewsPage")[1])
    with time_machine.travel(page.expire_at + timedelta(seconds=1)):
        assert client.get(f"{LISTING}{page.pk}/").status_code == 404
        assert page.pk not in ids(api_get(client, LISTING, type="news.NewsPage")[1])
    assert NewsPage.objects.get(pk=page.pk).live  # no command ran: hidden, not unpublished


def test_reading_never_publishes_a_due_page_the_scheduled_job_does(client, news_index):
    page = make_news(news_index, title="Embargoed", publish=False)
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    assert client.get(f"{LISTING}{page.pk}/").status_code == 404
    with time_machine.travel(page.go_live_at + timedelta(seconds=1)):
        assert page.pk not in ids(api_get(client, LISTING, type="news.NewsPage")[1])
        assert not NewsPage.objects.get(pk=page.pk).live  # the read wrote nothing
        call_command("publish_scheduled")
        assert page.pk in ids(api_get(client, LISTING, type="news.NewsPage")[1])
        assert client.get(f"{LISTING}{page.pk}/").status_code == 200


def test_credentials_reveal_nothing_more(client, django_user_model, news_index):
    import base64

    make_news(news_index, title="Public")
    hidden = make_hidden_pages(news_index)
    django_user_model.objects.create_superuser("boss", "b@example.org", "right")
    anonymous = ids(api_get(client, LISTING, limit=100)[1])
    basic = base64.b64encode(b"boss:right").decode()
    response = client.get(LISTING, {"limit": 100}, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert ids(response.json()) == anonymous
    client.force_login(django_user_model.objects.get(username="boss"))
    assert ids(api_get(client, LISTING, limit=100)[1]) == anonymous
    assert client.get(f"{LISTING}{hidden['login'].pk}/").status_code == 404


def test_images_and_documents_in_private_collections_are_not_listed(client, db):
    from tests.factories import in_collection, make_document, make_image, make_private_collection

    private = make_private_collection()
    nested = private.add_child(name="Nested")
    public_image, public_doc = make_image("Public image"), make_document("Public doc")
    secret_image = in_collection(make_image("Secret image"), nested)
    secret_doc = in_collection(make_document("Secret doc"), private)
    for endpoint, public, secret in (
        ("images", public_image, secret_image),
        ("documents", public_doc, secret_doc),
    ):
        _, data = api_get(client, f"/api/v2/{endpoint}/")
        assert ids(data) == [public.pk]
        assert client.get(f"/api/v2/{endpoint}/{secret.pk}/").status_code == 404


def test_a_listing_links_its_next_and_previous_pages_on_the_site_root(client, news_index):
    stories = [make_news(news_index, title=f"Story {n}") for n in range(3)]
    url = f"{LISTING}?type=news.NewsPage&order=title&limit=2"
    seen, pages = [], 0
    while url:
        # A request host the site does not know: links still start with the site's root.
        response = client.get(url.removeprefix("http://localhost"), HTTP_HOST="proxy.internal")
        data = response.json()
        seen += ids(data)
        pages += 1
        for link in (data["meta"]["next"], data["meta"]["previous"]):
            assert link is None or link.startswith("http://localhost/api/v2/pages/?"), link
        if pages == 1:
            assert data["meta"]["previous"] is None
        url = data["meta"]["next"]
    assert seen == [page.pk for page in stories] and pages == 2
    back = client.get(f"{LISTING}?type=news.NewsPage&order=title&limit=2&offset=2").json()
    assert back["meta"]["next"] is None
    previous = client.get(back["meta"]["previous"].removeprefix("http://localhost")).json()
    assert ids(previous) == [stories[0].pk, stories[1].pk]
