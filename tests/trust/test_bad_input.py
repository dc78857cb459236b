"""Bad input anywhere is a clear 4xx, never a 5xx: text an editor or importer stored,
bodies and paths a client sends."""

import json

import icalendar
import pytest

from events.models import EventPage
from tests.factories import make_event, make_events_index, make_news


@pytest.fixture
def odd_events(home):
    """Events whose stored text no editor form would let through: line breaks in a
    title, CR/LF and controls in an online address."""
    index = make_events_index(home)
    first = make_event(index, title="Two\nlines", slug="two-lines")
    second = make_event(index, title="Online", slug="online")
    EventPage.objects.filter(pk=first.pk).update(title="Two\r\nlines\x0b and a tab\t")
    EventPage.objects.filter(pk=second.pk).update(
        online_url="https://meet.example.org/x\r\nX-Injected: yes"
    )
    return first, second


def test_any_stored_text_gives_valid_calendars_and_feeds(client, odd_events):
    for path in ("/events/calendar.ics", "/events/two-lines.ics", "/events/online.ics"):
        response = client.get(path)
        assert response.status_code == 200, path
        calendar = icalendar.Calendar.from_ical(response.content)
        assert "X-Injected" not in {str(k) for e in calendar.walk("VEVENT") for k in e}
    for fmt in ("rss", "atom", "json"):
        assert client.get(f"/feeds/events.{fmt}").status_code == 200
    assert client.get("/events/").status_code == 200


def nested(depth: int) -> str:
    return '{"email": ' + "[" * depth + "]" * depth + "}"


BODIES = {
    "nested-2000": nested(2000),
    "nested-100000": nested(100_000),
    "deep-topics": '{"email": "a@example.org", "topics": ' + "[" * 5000 + "]" * 5000 + "}",
    "nul": "\x00",
    "not-utf8": b"\xff\xfe\x00".decode("latin-1"),
    "a-string": '"just a string"',
    "a-list": "[]",
    "unclosed": "{" * 10,
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_deep_huge_or_odd_json_bodies_are_400(client, db, body):
    response = client.post(
        "/api/v2/newsletter/subscriptions/", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:200]


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/%00", "/media/%00", "/media/images/%C0%AE%C0%AE/x.png",
        "/api/v2/pages/find/?id=\u2460", "/api/v2/pages/find/?html_path=%00",
        "/api/v2/pages/?search=%00", "/api/v2/pages/?type=news.NewsPage&title=%00",
        "/api/v2/pages/%00/", "/feeds/news.rss?category=%00", "/updates/?q=%FF%FE",
        "/updates/%00/", "/network/?project=%00", "/events/calendar.ics?x=%00",
        "/api/v2/network/?search=%00", "/sitemap.xml?p=%00",
    ],
)  # fmt: skip
def test_nul_bytes_and_bad_encodings_in_paths_and_parameters_are_4xx(client, news_index, path):
    make_news(news_index, title="Something to find")
    response = client.get(path)
    assert 400 <= response.status_code < 500 or response.status_code == 200, (
        path, response.status_code,
    )  # fmt: skip
    assert response.status_code != 500


def test_an_api_answer_for_a_bad_find_is_json(client, news_index):
    response = client.get("/api/v2/pages/find/?id=\u2460")
    assert response.status_code in (400, 404)
    assert json.loads(response.content)["message"]
