"""Every public endpoint, driven with generated query strings and headers: never a 5xx.

Seeded and bounded: `make test` runs a short pass; the slow tier (CI, both databases)
runs many more examples of the same properties.
"""

import string

from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.models import NewsPage

ENDPOINTS = [
    "/",
    "/updates/",
    "/sitemap.xml",
    "/feeds/",
    "/feeds/opml.xml",
    "/feeds/news.rss",
    "/feeds/news.atom",
    "/feeds/news.json",
    "/feeds/categories/events.atom",
    "/feeds/tags/skills.rss",
    "/feeds/projects/passenger.json",
    "/feeds/events.rss",
    "/feeds/events.json",
    "/events/",
    "/events/calendar.ics",
    "/events/projects/permanet.ics",
    "/events/categories/clustering.ics",
    "/events/passenger-final-conference.ics",
    "/api/v2/pages/",
    "/api/v2/pages/{page}/",
    "/api/v2/pages/find/",
    "/api/v2/images/",
    "/api/v2/images/1/",
    "/api/v2/documents/",
    "/api/v2/categories/",
    "/api/v2/projects/",
    "/api/v2/projects/1/",
    "/api/v2/preview/",
    "/newsletter/",
    "/network/",
    "/api/v2/network/",
    "/feeds/network.atom",
    "/feeds/network/projects/passenger.rss",
    "/newsletter/confirm/abc:def/",
    "/newsletter/manage/abc:def/",
    "/newsletter/unsubscribe/abc:def/",
]
KNOWN_PARAMETERS = [
    "type", "fields", "limit", "offset", "order", "search", "search_operator", "category",
    "tag", "project", "date_from", "date_to", "child_of", "descendant_of", "ancestor_of",
    "html_path", "id", "slug", "title", "date", "token", "rich_text_format", "page", "format",
    "upcoming", "past", "starts_after", "starts_before",
]  # fmt: skip
NASTY = [
    "", "0", "-1", "1e99", "99999999999999999999999", "abc", "news.NewsPage", "news.Nope",
    "events.EventPage", "true", "online", "start", "-start",
    "wagtailcore.Page", "*", "_", "-date", "title,-title", "*,-body", "body(*)", "2026-02-30",
    "2026-13-01", "'", '"', "%", "\x00", "\ufffe", "🧲", "AND", "NEAR(", "((", "../../etc",
    "/updates/", "//evil", "a" * 500,
]  # fmt: skip
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
names = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(string.ascii_letters, max_size=12))
queries = st.lists(st.tuples(names, values), max_size=5)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_IF_NONE_MATCH": st.one_of(
            st.sampled_from(['"x"', "*", 'W/"y"']), st.text(max_size=30)
        ),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(
            st.sampled_from(["Wed, 25 Nov 2026 10:00:00 GMT", "yesterday"]), st.text(max_size=30)
        ),
        "HTTP_ACCEPT_ENCODING": st.sampled_from(["gzip", "br, gzip;q=0", "*", "identity", "x"]),
        "HTTP_ORIGIN": st.sampled_from(["https://frontend.example.eu", "null", "http://evil"]),
        "HTTP_ACCEPT": st.sampled_from(["*/*", "application/json", "text/html", "nonsense"]),
    },
)


def fuzz_examples(count: int):
    return settings(
        max_examples=count,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def assert_no_server_error(page_id: int, endpoint: str, query: list, extra: dict) -> None:
    path = endpoint.format(page=page_id)
    data = {}
    for name, value in query:
        data.setdefault(name.replace("\x00", ""), []).append(value)
    response = Client().get(path, data, **extra)
    assert response.status_code < 500, (path, query, extra, response.content[:300])


@pytest.fixture
def page_id(demo_site, db) -> int:
    return NewsPage.objects.live().first().pk


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_query_string_or_header_makes_a_server_error(page_id, endpoint):
    @fuzz_examples(12)
    @given(query=queries, extra=headers)
    def check(query, extra):
        assert_no_server_error(page_id, endpoint, query, extra)

    check()


@pytest.mark.slow
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_query_string_or_header_makes_a_server_error_long_run(page_id, endpoint):
    @fuzz_examples(400)
    @given(query=queries, extra=headers)
    def check(query, extra):
        assert_no_server_error(page_id, endpoint, query, extra)

    check()
