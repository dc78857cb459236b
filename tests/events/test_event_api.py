"""Events through the public API: `type=events.EventPage`, its fields and its filters."""

import datetime
from datetime import UTC

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine

from tests.api.conftest import api_get
from tests.factories import (
    make_category,
    make_event,
    make_hidden_pages,
    make_news,
    make_project,
)

LISTING = "/api/v2/pages/"
EVENTS = "events.EventPage"
# Every test runs on 1 March 2027, 09:00 UTC; "today" is a Monday.
NOW = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
d = datetime.date


def ids(data) -> list[int]:
    return [item["id"] for item in data["items"]]


@pytest.fixture(autouse=True)
def _fixed_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def programme(events_index):
    """Two past events and three upcoming, classified differently."""
    permanet, passenger = make_project("PERMANET"), make_project("PASSENGER")
    clustering, training = make_category("Clustering"), make_category("Training")
    online = {"format": "online", "online_url": "https://meet.example.org/s", "venue_name": ""}
    return {
        "final": make_event(events_index, title="Final conference", start_date=d(2026, 10, 23),
                            end_date=d(2026, 10, 26), time_zone="Europe/Berlin",
                            projects=[passenger]),
        "webinar": make_event(events_index, title="Past webinar", start_date=d(2027, 2, 1),
                              categories=[training], **online),
        "session": make_event(events_index, title="Clustering session", start_date=d(2027, 3, 25),
                              projects=[permanet], categories=[clustering], **online),
        "school": make_event(events_index, title="Summer school", start_date=d(2027, 7, 5),
                             end_date=d(2027, 7, 7), all_day=True, categories=[training],
                             registration_url="https://forms.example.org/school",
                             registration_deadline=d(2027, 6, 1)),
        "workshop": make_event(events_index, title="Hybrid workshop", start_date=d(2027, 3, 10),
                               format="hybrid", online_url="https://meet.example.org/w",
                               projects=[permanet, passenger], tags=["assessment"]),
    }  # fmt: skip


def test_an_event_has_every_field_with_times_in_its_own_zone(client, programme, news_index):
    final = programme["final"]
    report = make_news(news_index, title="What the final conference decided", event=final)
    _, data = api_get(client, f"{LISTING}{final.pk}/")
    assert data["meta"]["type"] == EVENTS
    # Berlin's clocks go back on 25 October 2026: +02:00 before, +01:00 after.
    assert data["start"] == "2026-10-23T10:00:00+02:00"
    assert data["end"] == "2026-10-26T11:00:00+01:00"
    assert data["time_zone"] == "Europe/Berlin"
    assert data["all_day"] is False
    assert (data["format"], data["status"]) == ("in-person", "scheduled")
    assert data["venue"] == {
        "name": "Fondation Universitaire",
        "address": "Rue d'Egmont 11",
        "city": "Brussels",
        "country": "Belgium",
    }
    assert data["online_url"] is None
    assert data["registration"] is None
    assert [p["acronym"] for p in data["projects"]] == ["PASSENGER"]
    assert data["stories"] == [
        {"id": report.pk, "title": report.title, "url": report.get_full_url()}
    ]
    assert data["calendar"]["url"] == f"http://localhost/events/{final.slug}.ics"
    assert data["calendar"]["webcal"] == f"webcal://localhost/events/{final.slug}.ics"
    for field in ("summary", "body", "hero_image", "categories", "tags"):
        assert field in data, field


def test_the_story_names_its_event_only_while_the_event_is_public(client, programme, news_index):
    event = programme["session"]
    story = make_news(news_index, title="Announcing the session", event=event)
    _, data = api_get(client, f"{LISTING}{story.pk}/")
    assert data["event"] == {"id": event.pk, "url": event.get_full_url()}
    event.unpublish()
    _, data = api_get(client, f"{LISTING}{story.pk}/")
    assert data["event"] is None


def test_an_all_day_event_has_dates_and_registration_closes_at_the_deadline(client, programme):
    school = programme["school"]
    _, data = api_get(client, f"{LISTING}{school.pk}/")
    assert (data["start"], data["end"], data["all_day"]) == ("2027-07-05", "2027-07-07", True)
    assert data["registration"] == {
        "url": "https://forms.example.org/school",
        "deadline": "2027-06-01",
        "open": True,
    }
    with time_machine.travel(datetime.datetime(2027, 6, 2, 12, tzinfo=UTC), tick=False):
        _, data = api_get(client, f"{LISTING}{school.pk}/")
    assert data["registration"]["open"] is False


def test_upcoming_is_soonest_first_and_past_is_latest_first(client, programme):
    p = programme
    _, data = api_get(client, LISTING, type=EVENTS, upcoming="true")
    assert ids(data) == [p["workshop"].pk, p["session"].pk, p["school"].pk]
    _, data = api_get(client, LISTING, type=EVENTS, past="true")
    assert ids(data) == [p["webinar"].pk, p["final"].pk]
    _, data = api_get(client, LISTING, type=EVENTS, order="-start")
    assert ids(data) == [p[k].pk for k in ("school", "session", "workshop", "webinar", "final")]
    # Without `type`, an event-only filter means events.
    _, data = api_get(client, LISTING, upcoming="1", limit=1)
    assert ids(data) == [p["workshop"].pk]
    assert data["meta"]["total_count"] == 3


@pytest.mark.indexes
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"starts_after": "2027-03-10"}, ["workshop", "session", "school"]),
        ({"starts_before": "2027-03-10"}, ["final", "webinar", "workshop"]),
        ({"starts_after": "2027-03-01", "starts_before": "2027-03-31"}, ["workshop", "session"]),
        ({"project": "permanet"}, ["workshop", "session"]),
        ({"category": "training"}, ["webinar", "school"]),
        ({"tag": "assessment"}, ["workshop"]),
        ({"format": "online"}, ["webinar", "session"]),
        ({"format": "hybrid", "project": "passenger"}, ["workshop"]),
        ({"upcoming": "true", "category": "training"}, ["school"]),
        ({"search": "clustering"}, ["session"]),
    ],
)
def test_filters(client, programme, params, expected):
    response, data = api_get(client, LISTING, type=EVENTS, order="start", **params)
    assert response.status_code == 200, data
    assert ids(data) == [programme[key].pk for key in expected]


def test_format_json_still_chooses_the_renderer(client, programme):
    response, data = api_get(client, LISTING, type=EVENTS, format="json", upcoming="true")
    assert response.status_code == 200
    assert len(data["items"]) == 3


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"upcoming": "maybe"}, "upcoming"),
        ({"past": "yes please"}, "past"),
        ({"upcoming": "true", "past": "true"}, "past"),
        ({"starts_after": "2027-13-45"}, "starts_after"),
        ({"starts_before": "tomorrow"}, "starts_before"),
        ({"format": "carrier pigeon"}, "format"),
        ({"project": "<script>"}, "project"),
        ({"order": "date"}, "order"),
        ({"date_from": "2027-01-01"}, "date_from"),  # a news filter, not an event one
    ],
)
def test_bad_parameters_get_a_400_naming_them(client, programme, params, named):
    response, data = api_get(client, LISTING, type=EVENTS, **params)
    assert response.status_code == 400, data
    assert data["message"].startswith(f"{named}:"), data["message"]


def test_an_event_filter_on_news_is_refused(client, programme):
    response, data = api_get(client, LISTING, type="news.NewsPage", upcoming="true")
    assert response.status_code == 400
    assert data["message"] == f"upcoming: only applies to type={EVENTS}"


def test_nothing_unpublishable_is_listed_or_readable(client, events_index):
    hidden = make_hidden_pages(events_index)
    visible = make_event(events_index, title="Visible")
    _, data = api_get(client, LISTING, type=EVENTS, fields="title")
    titles = {item["title"] for item in data["items"]}
    assert titles == {"Visible", "Alias source"}
    for page in hidden.values():
        assert client.get(f"{LISTING}{page.pk}/").status_code == 404, page.title
    assert client.get(f"{LISTING}{visible.pk}/").status_code == 200


def test_query_count_does_not_grow_with_the_page_size(client, events_index, news_index):
    project, category = make_project("PERMANET"), make_category("Clustering")

    def count_for(limit: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                LISTING, {"type": EVENTS, "fields": "*", "limit": limit, "order": "start"}
            )
        assert len(response.json()["items"]) == limit
        return len(queries)

    for n in range(12):
        event = make_event(
            events_index, start_date=d(2027, 4, 1) + datetime.timedelta(days=n),
            projects=[project], categories=[category], tags=["x"],
        )  # fmt: skip
        make_news(news_index, event=event)
    count_for(1)  # the site and the listing's total, looked up once and cached
    assert count_for(2) == count_for(12)
