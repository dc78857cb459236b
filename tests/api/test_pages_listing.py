"""Listing filters, ordering, visibility and bad input, through the HTTP API."""

import datetime
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from news.models import NewsPage
from tests.api.conftest import api_get
from tests.factories import make_category, make_hidden_pages, make_news, make_project

LISTING = "/api/v2/pages/"


def ids(data):
    return [item["id"] for item in data["items"]]


@pytest.fixture
def catalogue(news_index):
    research, events = make_category("Research"), make_category("Events")
    passenger, greene = make_project("PASSENGER"), make_project("GREENE")
    d = datetime.date
    return {
        "a": make_news(news_index, title="Alpha", date=d(2026, 1, 10), categories=[research],
                       projects=[passenger], tags=["magnets"]),
        "b": make_news(news_index, title="Bravo", date=d(2026, 2, 10), categories=[events],
                       projects=[greene], tags=["recycling"]),
        "c": make_news(news_index, title="Charlie", date=d(2026, 3, 10), categories=[research],
                       projects=[greene, passenger], tags=["magnets", "policy"],
                       body=[{"type": "paragraph", "value": "<p>Neodymium supply chains</p>"}]),
        "d": make_news(news_index, title="Delta", date=d(2026, 3, 10), categories=[events]),
    }  # fmt: skip


def test_default_order_is_newest_first_with_ties_broken_by_publication(client, catalogue):
    c = catalogue
    _, data = api_get(client, LISTING, type="news.NewsPage")
    # c and d share a date; d was published later, so it comes first.
    assert ids(data) == [c["d"].pk, c["c"].pk, c["b"].pk, c["a"].pk]
    _, data = api_get(client, LISTING, type="news.NewsPage", order="title")
    assert ids(data) == [c["a"].pk, c["b"].pk, c["c"].pk, c["d"].pk]
    _, data = api_get(client, LISTING, type="news.NewsPage", order="first_published_at")
    assert ids(data) == [c["a"].pk, c["b"].pk, c["c"].pk, c["d"].pk]
    _, data = api_get(client, LISTING, type="news.NewsPage", order="date")
    assert ids(data) == [c["a"].pk, c["b"].pk, c["c"].pk, c["d"].pk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "research"}, ["c", "a"]),
        ({"tag": "magnets"}, ["c", "a"]),
        ({"project": "greene"}, ["c", "b"]),
        ({"date_from": "2026-02-10"}, ["d", "c", "b"]),
        ({"date_to": "2026-02-10"}, ["b", "a"]),
        ({"date_from": "2026-02-01", "date_to": "2026-03-01"}, ["b"]),
        ({"category": "research", "project": "greene", "tag": "policy"}, ["c"]),
        ({"category": "events", "date_from": "2026-03-01"}, ["d"]),
        ({"search": "neodymium"}, ["c"]),
        ({"search": "neodymium", "category": "events"}, []),
    ],
)
def test_filters_alone_and_combined(client, catalogue, params, expected):
    response, data = api_get(client, LISTING, type="news.NewsPage", **params)
    assert response.status_code == 200
    assert ids(data) == [catalogue[key].pk for key in expected]
    assert data["meta"]["total_count"] == len(expected)


def test_news_filters_imply_the_news_type(client, catalogue):
    _, data = api_get(client, LISTING, category="research")
    assert ids(data) == [catalogue["c"].pk, catalogue["a"].pk]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_to": "2026-13-01"}, "date_to"),
        ({"date_from": "2026-03-01", "date_to": "2026-01-01"}, "date_from"),
        ({"category": "Not A Slug!"}, "category"),
        ({"tag": "a\x00b"}, "tag"),
        ({"project": "x" * 300}, "project"),
        ({"order": "summary"}, "order"),
        ({"offset": "99999999999999999999"}, "offset"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"search": "magnets", "search_operator": "xor"}, "search_operator"),
        ({"bogus": "1"}, "bogus"),
        ({"date": "not-a-date"}, "date"),
        ({"id": "abc"}, "id"),
        ({"type": "news.Nope"}, "type"),
    ],
)
def test_invalid_values_get_a_400_naming_the_parameter(client, catalogue, params, names):
    response, data = api_get(client, LISTING, type=params.pop("type", "news.NewsPage"), **params)
    assert response.status_code == 400
    assert names in data["message"]


@pytest.mark.parametrize(
    "query",
    [
        'search="', "search=AND OR NOT", "search=*", "search=(((", "search=a:b",
        "search=%22unbalanced", "search=-", "search=NEAR(a b)", "search=%E2%80%8F%D8%B9",
        "offset=1000000", "limit=0", "child_of=abc", "descendant_of=99999999999999999999",
        "fields=nonexistent", "fields=*,-", "order=random", "html_path=/%00/",
    ],
)  # fmt: skip
def test_hostile_query_strings_never_cause_a_server_error(client, catalogue, query):
    response = client.get(f"{LISTING}?type=news.NewsPage&{query}")
    assert response.status_code in {200, 400, 404}, response.content[:300]


@pytest.mark.parametrize("path", ["abc", "1.5", "99999999999999999999999", "%00"])
def test_non_numeric_or_huge_ids_are_404(client, catalogue, path):
    assert client.get(f"{LISTING}{path}/").status_code == 404


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
