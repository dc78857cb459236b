"""Listing filters, ordering and bad input, through the HTTP API, on one stored catalogue."""

import datetime

import pytest

from tests.api.conftest import api_get
from tests.conftest import committed_for_module
from tests.factories import build_site, make_category, make_news, make_project

LISTING = "/api/v2/pages/"


def ids(data):
    return [item["id"] for item in data["items"]]


@pytest.fixture(scope="module")
def stored_catalogue(django_db_setup, django_db_blocker):
    """Four stories every test here reads (and none changes), stored once."""
    with committed_for_module(django_db_blocker):
        _, news_index = build_site()
        yield _stories(news_index)


@pytest.fixture
def catalogue(stored_catalogue, db):
    return stored_catalogue


def _stories(news_index):
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
