"""Calendars as calendar apps read them: RFC 5545, checked by two independent parsers."""

import datetime
from datetime import UTC

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine

from events.models import EventPage
from tests.caching import cold_get
from tests.events.calendars import read_both, read_with_icalendar, utc
from tests.factories import (
    build_site,
    make_category,
    make_event,
    make_events_index,
    make_hidden_pages,
    make_project,
)

CALENDAR_PATHS = (
    "/events/calendar.ics",
    "/events/projects/permanet.ics",
    "/events/categories/clustering.ics",
)


def fetch(client, path: str, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def utc_time(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def network(events_index):
    permanet, clustering = make_project("PERMANET"), make_category("Clustering")
    return {
        "session": make_event(
            events_index,
            title="Clustering session",
            format="online",
            online_url="https://meet.example.org/session",
            projects=[permanet],
            categories=[clustering],
        ),
        "conference": make_event(events_index, title="Final conference"),
    }


def test_every_calendar_reads_the_same_in_icalendar_and_vobject(client, network):
    expected = {
        "/events/calendar.ics": {"Clustering session", "Final conference"},
        "/events/projects/permanet.ics": {"Clustering session"},
        "/events/categories/clustering.ics": {"Clustering session"},
        f"/events/{network['conference'].slug}.ics": {"Final conference"},
    }
    for path, titles in expected.items():
        events = read_both(fetch(client, path).content)
        assert {event.summary for event in events} == titles, path


def test_lines_are_folded_at_75_octets_and_end_in_crlf(client, events_index):
    title = "Réunion sur les aimants permanents – " * 6 + "🧲"
    event = make_event(events_index, title=title, summary="Ünïcödé; commas, and\nnew lines")
    body = fetch(client, f"/events/{event.slug}.ics").content
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    calendar, [read] = read_with_icalendar(body)
    assert read.summary == title
    assert "Ünïcödé; commas, and\nnew lines" in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])


def test_times_are_right_on_both_sides_of_a_daylight_saving_change(client, events_index):
    # Brussels moves from UTC+1 to UTC+2 at 02:00 on Sunday 29 March 2026.
    before = make_event(events_index, start_date=datetime.date(2026, 3, 28))
    after = make_event(events_index, start_date=datetime.date(2026, 3, 30))
    overnight = make_event(
        events_index,
        start_date=datetime.date(2026, 3, 28),
        start_time=datetime.time(22, 0),
        end_date=datetime.date(2026, 3, 29),
        end_time=datetime.time(4, 0),
    )
    with time_machine.travel(datetime.datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        body = fetch(client, "/events/calendar.ics").content
    assert b"DTSTART:20260328T090000Z" in body and b"VTIMEZONE" not in body
    events = {event.uid: event for event in read_both(body)}
    assert utc(events[str(before.feed_guid)].start) == utc_time(2026, 3, 28, 9)
    assert utc(events[str(after.feed_guid)].start) == utc_time(2026, 3, 30, 8)
    night = events[str(overnight.feed_guid)]
    assert utc(night.start) == utc_time(2026, 3, 28, 21)
    assert utc(night.end) == utc_time(2026, 3, 29, 2)  # five hours, not six


def test_an_event_in_another_zone_keeps_its_own_zone(client, events_index):
    webinar = make_event(
        events_index,
        start_date=datetime.date(2027, 1, 9),
        start_time=datetime.time(11, 0),
        end_time=datetime.time(12, 30),
        time_zone="America/New_York",
        format="online",
        online_url="https://meet.example.org/webinar",
    )
    tokyo = make_event(events_index, start_date=datetime.date(2027, 7, 1), time_zone="Asia/Tokyo")
    with time_machine.travel(datetime.datetime(2026, 12, 1, tzinfo=UTC), tick=False):
        body = fetch(client, "/events/calendar.ics").content
    assert b"DTSTART:20270109T160000Z" in body
    assert (
        "11:00–12:30 EST (America/New York)"
        in read_with_icalendar(body)[0].walk("VEVENT")[0]["DESCRIPTION"]
    )
    events = {event.uid: event for event in read_both(body)}
    assert utc(events[str(webinar.feed_guid)].start) == utc_time(2027, 1, 9, 16)
    assert utc(events[str(webinar.feed_guid)].end) == utc_time(2027, 1, 9, 17, 30)
    assert utc(events[str(tokyo.feed_guid)].start) == utc_time(2027, 7, 1, 1)


def test_whole_day_events_are_dates_with_an_exclusive_end(client, events_index):
    school = make_event(
        events_index,
        all_day=True,
        start_date=datetime.date(2027, 1, 24),
        end_date=datetime.date(2027, 1, 26),
        time_zone="Europe/Ljubljana",
    )
    body = fetch(client, f"/events/{school.slug}.ics").content
    assert b"DTSTART;VALUE=DATE:20270124" in body and b"DTEND;VALUE=DATE:20270127" in body
    [read] = read_both(body)
    assert (read.start, read.end) == (datetime.date(2027, 1, 24), datetime.date(2027, 1, 27))


def test_the_uid_never_changes_and_sequence_counts_published_changes(client, events_index):
    event = make_event(events_index, title="Workshop")
    path = f"/events/{event.slug}.ics"

    def read() -> tuple[str, int, str]:
        [vevent] = read_both(fetch(client, path).content)
        return vevent.uid, vevent.sequence, vevent.status

    uid = str(event.feed_guid)
    assert read() == (uid, 0, "CONFIRMED")

    event.title = "Workshop on assessments"  # not a change of time, place or status
    event.save_revision().publish()
    assert read() == (uid, 0, "CONFIRMED")

    event.start_time, event.end_time = datetime.time(14, 0), datetime.time(16, 0)
    event.save_revision().publish()
    assert read() == (uid, 1, "CONFIRMED")

    event.venue_name = "Another venue"
    event.save_revision().publish()
    assert read() == (uid, 2, "CONFIRMED")

    event.status = "postponed"
    event.save_revision().publish()
    assert read() == (uid, 3, "TENTATIVE")

    event.status = "cancelled"
    event.save_revision().publish()
    assert read() == (uid, 4, "CANCELLED")

    first_revision = event.revisions.order_by("created_at", "pk").first()
    first_revision.publish()  # back to the first time and place: still a change
    assert read() == (uid, 5, "CONFIRMED")

    event.save_revision()  # a draft changes nothing that subscribers see
    assert read() == (uid, 5, "CONFIRMED")


def test_a_move_keeps_the_uid_and_a_copy_gets_its_own(client, events_index):
    event = make_event(events_index, title="Moving")
    other_home, _ = build_site(hostname="other.example.org", default=False)
    other_index = make_events_index(other_home)
    copy = event.copy(to=events_index, update_attrs={"slug": "moving-copy"}, keep_live=True)
    event.move(other_index, pos="last-child")
    [moved] = read_both(
        fetch(client, f"/events/{event.slug}.ics", HTTP_HOST="other.example.org").content
    )
    assert moved.uid == str(event.feed_guid)
    [copied] = read_both(fetch(client, "/events/moving-copy.ics").content)
    assert copied.uid != moved.uid and copied.uid == str(
        EventPage.objects.get(pk=copy.pk).feed_guid
    )


def test_calendar_and_event_properties(client, network):
    body = fetch(client, "/events/calendar.ics").content
    calendar, _ = read_with_icalendar(body)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    assert "Events" in str(calendar["NAME"])
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in body and b"X-PUBLISHED-TTL:PT6H" in body
    by_title = {str(v["SUMMARY"]): v for v in calendar.walk("VEVENT")}
    session, conference = by_title["Clustering session"], by_title["Final conference"]
    url = network["session"].get_full_url()
    assert str(session["URL"]) == url and url in str(session["DESCRIPTION"])
    assert str(session["LOCATION"]) == "https://meet.example.org/session"
    assert str(session["CONFERENCE"]) == "https://meet.example.org/session"
    assert str(conference["LOCATION"]).startswith("Fondation Universitaire, Rue d'Egmont 11")
    for vevent in (session, conference):
        for required in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND"):
            assert required in vevent, required


def test_the_site_calendar_holds_what_is_coming_and_the_last_twelve_months(client, events_index):
    today = timezone.localdate()
    make_event(events_index, title="Coming", start_date=today + datetime.timedelta(days=400))
    make_event(events_index, title="Recent", start_date=today - datetime.timedelta(days=300))
    old = make_event(events_index, title="Old", start_date=today - datetime.timedelta(days=400))
    titles = {e.summary for e in read_both(fetch(client, "/events/calendar.ics").content)}
    assert titles == {"Coming", "Recent"}
    # An older event keeps its own calendar, for the link on its page.
    [read] = read_both(fetch(client, f"/events/{old.slug}.ics").content)
    assert read.summary == "Old"


def test_unknown_calendars_are_404_and_parameters_400(client, network):
    for path in ("/events/nope.ics", "/events/projects/nope.ics", "/events/categories/nope.ics"):
        assert client.get(path).status_code == 404, path
    response = client.get("/events/calendar.ics?utm_source=x")
    assert response.status_code == 400 and b"utm_source" in response.content


def test_conditional_get_answers_304(client, network):
    first = fetch(client, "/events/calendar.ics")
    again = client.get("/events/calendar.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert first["Cache-Control"].startswith("public")


def test_no_calendar_shows_an_unpublishable_event(client, events_index):
    hidden = make_hidden_pages(events_index)
    category = make_category("Clustering")
    links = EventPage.categories.through.objects
    links.bulk_create(links.model(eventpage_id=p.pk, category=category) for p in hidden.values())
    make_event(events_index, title="Visible", categories=[category])
    expected = {
        "/events/calendar.ics": {"Visible", "Alias source"},
        "/events/categories/clustering.ics": {"Visible"},
    }
    for path, titles in expected.items():
        body = fetch(client, path).content
        assert b"Hidden" not in body, path
        assert {e.summary for e in read_both(body)} == titles
    for reason, page in hidden.items():
        if reason != "alias":  # an alias's slug is its own; it has no calendar either
            assert client.get(f"/events/{page.slug}.ics").status_code == 404, reason
    assert client.get("/events/alias-copy.ics").status_code == 404


def test_a_calendar_costs_the_same_queries_for_3_and_30_events(client, events_index):
    project, category = make_project("PERMANET"), make_category("Clustering")

    def cold_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert cold_get("/events/calendar.ics").status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for n in range(count):
            make_event(
                events_index,
                start_date=timezone.localdate() + datetime.timedelta(days=n + 1),
                projects=[project],
                categories=[category],
                tags=["magnets"],
            )

    add(3)
    few = cold_queries()
    add(27)
    assert cold_queries() == few


def test_a_projects_calendar_keeps_its_past_events_the_site_calendar_stays_windowed(
    client, events_index
):
    project = make_project("SUSMAGPRO")
    old = make_event(events_index, title="Kick-off in 2022", projects=[project],
                     start_date=datetime.date(2022, 6, 1))  # fmt: skip
    body = fetch(client, "/events/projects/susmagpro.ics").content
    assert [e["SUMMARY"] for e in read_with_icalendar(body)[0].walk("VEVENT")] == [old.title]
    site_wide = fetch(client, "/events/calendar.ics").content
    assert old.title.encode() not in site_wide
