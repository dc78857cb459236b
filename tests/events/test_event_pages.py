"""Editors create events through the admin; readers see them on the events pages."""

import datetime
import json
import re
from datetime import UTC

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
import time_machine

from events.models import PAST_PER_PAGE, EventIndexPage, EventPage
from tests.factories import (
    make_category,
    make_event,
    make_hidden_pages,
    make_news,
    make_project,
)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


def event_form(title: str = "Workshop", **fields) -> dict:
    """What the page editor posts for an in-person event, with `fields` changed."""
    values = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": "An afternoon on assessments.",
        "body": streamfield([("paragraph", rich_text("<p>Agenda.</p>"))]),
        "hero_alt_text": "",
        "hero_caption": "",
        "all_day": "",
        "start_date": "2027-03-04",
        "start_time": "14:00",
        "end_date": "2027-03-04",
        "end_time": "17:30",
        "time_zone": "Europe/Brussels",
        "format": "in-person",
        "venue_name": "Fondation Universitaire",
        "venue_address": "Rue d'Egmont 11",
        "venue_city": "Brussels",
        "venue_country": "Belgium",
        "online_url": "",
        "registration_url": "",
        "registration_deadline": "",
        "status": "scheduled",
        "tags": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    return nested_form_data({key: value for key, value in values.items() if value is not None})


def errors_for(editor_client, events_index, **fields) -> dict:
    """What publishing an event with `fields` changed says is wrong."""
    data = {**event_form(**fields), "action-publish": "1"}
    response = editor_client.post(add_url(events_index), data)
    assert response.status_code == 200, "the form should have been refused"
    return response.context["form"].errors


def test_an_editor_creates_and_publishes_an_event(editor_client, events_index):
    project, category = make_project("PERMANET"), make_category("Clustering")
    data = event_form(
        "Hybrid workshop",
        format="hybrid",
        online_url="https://meet.example.org/w",
        registration_url="https://forms.example.org/w",
        registration_deadline="2027-03-01",
        tags="assessment, magnets",
    )
    data["projects"], data["categories"] = [str(project.pk)], [str(category.pk)]
    response = editor_client.post(add_url(events_index), {**data, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="hybrid-workshop")
    assert event.live
    assert event.starts_at == datetime.datetime(2027, 3, 4, 13, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2027, 3, 4, 16, 30, tzinfo=UTC)
    assert event.registration_closes_at == datetime.datetime(2027, 3, 1, 23, 0, tzinfo=UTC)
    assert list(event.projects.all()) == [project]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_time": "13:00"}, "end_time"),  # ends before it starts
        ({"end_date": "2027-03-03"}, "end_time"),
        ({"all_day": "on", "end_date": "2027-03-03"}, "end_date"),
        ({"start_time": ""}, "start_time"),  # times, or whole days
        ({"venue_name": "", "venue_city": ""}, "venue_name"),  # in person needs a venue
        ({"format": "online"}, "online_url"),  # online needs the address to join
        ({"format": "hybrid"}, "online_url"),
        ({"format": "online", "online_url": "javascript:alert(1)"}, "online_url"),
        ({"registration_url": "ftp://example.org/"}, "registration_url"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"slug": "calendar"}, "slug"),  # the site calendar's name
    ],
)
def test_the_editor_explains_what_is_wrong(editor_client, events_index, fields, field):
    errors = errors_for(editor_client, events_index, **fields)
    assert field in errors, errors
    assert not EventPage.objects.exists()


# What readers need of an event is checked when it is published, not while it is drafted.
READER_RULES = [
    {"end_time": "13:00"},
    {"all_day": "on", "end_date": "2027-03-03"},
    {"start_time": ""},
    {"venue_name": "", "venue_city": ""},
    {"format": "hybrid"},
]


@pytest.mark.parametrize("fields", READER_RULES)
def test_a_draft_event_saves_before_it_is_complete(editor_client, events_index, fields):
    response = editor_client.post(add_url(events_index), event_form(**fields))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="workshop")
    assert not event.live
    assert errors_for(editor_client, events_index, slug="workshop-again", **fields)


def test_an_online_event_needs_no_venue_and_a_whole_day_event_no_times(editor_client, events_index):
    data = event_form(
        "Webinar",
        format="online",
        online_url="https://meet.example.org/x",
        venue_name="",
        venue_city="",
    )
    assert editor_client.post(add_url(events_index), data).status_code == 302
    data = event_form("School", all_day="on", start_time="", end_time="", end_date="2027-03-06")
    assert editor_client.post(add_url(events_index), data).status_code == 302
    school = EventPage.objects.get(slug="school")
    assert (school.start_time, school.end_time) == (None, None)
    assert school.ends_at == datetime.datetime(2027, 3, 6, 23, 0, tzinfo=UTC)  # exclusive end


def test_events_live_only_under_the_one_events_index(home, events_index):
    assert EventPage.can_create_at(events_index) and not EventPage.can_create_at(home)
    assert not EventIndexPage.can_create_at(home)  # one per site: slugs name events


@pytest.fixture
def timeline(events_index):
    """Two events coming (the later one first in the tree), one in progress, three past."""
    today = timezone.localdate()

    def days(n):
        return today + datetime.timedelta(days=n)

    return {
        "later": make_event(events_index, title="Later", start_date=days(20)),
        "sooner": make_event(events_index, title="Sooner", start_date=days(5)),
        "now": make_event(
            events_index,
            title="In progress",
            all_day=True,
            start_date=days(-1),
            end_date=days(1),
        ),
        "past": [
            make_event(events_index, title=f"Past {n}", start_date=days(-10 * n)) for n in (1, 2, 3)
        ],
    }


def test_the_events_page_lists_upcoming_soonest_first_then_the_past_newest_first(
    client, timeline, events_index
):
    html = client.get(events_index.url).content.decode()
    upcoming, past = html.split('id="past-heading"')
    titles = re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", upcoming)
    assert titles == ["In progress", "Sooner", "Later"]
    assert re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", past) == ["Past 1", "Past 2", "Past 3"]


def test_the_past_is_paginated_and_filters_keep_across_pages(client, events_index):
    project = make_project("PERMANET")
    today = timezone.localdate()
    per_page = PAST_PER_PAGE
    for n in range(per_page + 2):
        make_event(
            events_index,
            title=f"Old {n:02}",
            start_date=today - datetime.timedelta(days=n + 1),
            projects=[project],
        )
    first = client.get(events_index.url, {"project": "permanet"}).content.decode()
    assert "Old 00" in first and f"Old {per_page:02}" not in first
    assert "project=permanet&amp;page=2" in first
    second = client.get(events_index.url, {"project": "permanet", "page": "2"}).content.decode()
    assert f"Old {per_page:02}" in second and f"Old {per_page + 1:02}" in second
    assert "Old 00" not in second


def test_filters_by_project_category_and_format_with_a_matching_calendar(client, events_index):
    project, category = make_project("PERMANET"), make_category("Clustering")
    make_event(events_index, title="Session", projects=[project], categories=[category])
    make_event(
        events_index, title="Webinar", format="online", online_url="https://meet.example.org/"
    )
    by_project = client.get(events_index.url, {"project": "permanet"}).content.decode()
    assert "Session" in by_project and "Webinar" not in by_project
    assert "webcal://localhost/events/projects/permanet.ics" in by_project
    by_category = client.get(events_index.url, {"category": "clustering"}).content.decode()
    assert "/events/categories/clustering.ics" in by_category
    online = client.get(events_index.url, {"format": "online"}).content.decode()
    assert "Webinar" in online and "Session" not in online
    everything = client.get(events_index.url).content.decode()
    assert "webcal://localhost/events/calendar.ics" in everything
    assert 'type="application/atom+xml" title="Events (Atom 1.0)"' in everything
    # A mistyped filter shows everything rather than an error page.
    assert client.get(events_index.url, {"format": "nope", "page": "x"}).status_code == 200


def test_an_event_page_names_its_zone_and_says_how_to_join_and_register(client, events_index):
    event = make_event(
        events_index,
        title="Webinar",
        start_date=datetime.date(2027, 1, 9),
        start_time=datetime.time(11, 0),
        end_time=datetime.time(12, 30),
        time_zone="America/New_York",
        format="online",
        online_url="https://meet.example.org/w",
        registration_url="https://forms.example.org/w",
        registration_deadline=datetime.date(2027, 1, 5),
    )
    with time_machine.travel(datetime.datetime(2027, 1, 1, tzinfo=UTC), tick=False):
        html = client.get(event.url).content.decode()
    assert "Saturday 9 January 2027, 11:00–12:30 EST (America/New York)" in html
    assert '<time datetime="2027-01-09T11:00:00-05:00">' in html
    assert 'href="https://meet.example.org/w">Join online</a>' in html
    assert "Register by 5 January 2027" in html
    assert f'href="/events/{event.slug}.ics"' in html  # add to calendar
    # Closed after the end of the deadline day in the event's zone (05:00 UTC next day).
    with time_machine.travel(datetime.datetime(2027, 1, 6, 4, 59, tzinfo=UTC), tick=False):
        assert "Register by" in client.get(event.url).content.decode()
    with time_machine.travel(datetime.datetime(2027, 1, 6, 5, 1, tzinfo=UTC), tick=False):
        html = client.get(event.url).content.decode()
    assert "Registration is closed." in html and "forms.example.org" not in html


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_structured_data_describes_the_event_for_search_engines(client, events_index):
    project = make_project("PASSENGER", website="https://www.passenger-project.eu/")
    hybrid = make_event(
        events_index,
        title="Final </script> conference",
        start_date=datetime.date(2027, 5, 12),
        format="hybrid",
        online_url="https://meet.example.org/final",
        registration_url="https://forms.example.org/final",
        projects=[project],
    )
    with time_machine.travel(datetime.datetime(2027, 5, 1, tzinfo=UTC), tick=False):
        data = json_ld(client.get(hybrid.url).content.decode())
    assert data["@type"] == "Event" and data["name"] == "Final </script> conference"
    assert data["startDate"] == "2027-05-12T10:00:00+02:00"
    assert data["endDate"] == "2027-05-12T11:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place" and place["address"]["addressLocality"] == "Brussels"
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.org/final"}
    assert data["organizer"] == [
        {"@type": "Organization", "name": "PASSENGER project", "url": project.website}
    ]
    assert data["offers"]["url"] == "https://forms.example.org/final"

    cancelled = make_event(events_index, status="cancelled", all_day=True)
    data = json_ld(client.get(cancelled.url).content.decode())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == cancelled.start_date.isoformat()
    assert data["location"]["@type"] == "Place" and "offers" not in data


def test_a_story_points_to_its_event_and_the_event_lists_its_stories(
    client, events_index, news_index
):
    event = make_event(events_index, title="Final conference")
    report = make_news(news_index, title="What we learnt at the final conference", event=event)
    draft = make_news(news_index, title="Draft report", event=event, publish=False)
    html = client.get(event.url).content.decode()
    assert "Stories about this event" in html and report.title in html
    assert draft.title not in html
    api = client.get(f"/api/v2/pages/{report.pk}/").json()
    assert api["event"] == {"id": event.pk, "url": event.get_full_url()}


def test_no_events_page_lists_an_unpublishable_event(client, events_index, home):
    make_hidden_pages(events_index)
    for url in (events_index.url, home.url):
        html = client.get(url).content.decode()
        assert "Hidden" not in html, url


def test_stories_and_events_know_each_other_and_a_past_event_says_when_it_took_place(
    client, events_index, news_index
):
    conference = make_event(
        events_index,
        title="PASSENGER final conference",
        start_date=datetime.date(2025, 10, 29),
        end_date=datetime.date(2025, 10, 30),
        all_day=True,
    )
    report = make_news(news_index, title="What the final conference showed")
    report.event = conference
    report.save_revision().publish()

    story = client.get(report.url).content.decode()
    assert re.search(
        r'About the event <a href="[^"]*/events/[^"]+/">PASSENGER final conference</a> '
        r"\(29–30 October 2025\)",
        story,
    )
    event = client.get(conference.url).content.decode()
    assert "This event took place on 29–30 October 2025." in event
    assert "← All events</a>" in event and f'href="{events_index.url}"' in event
    assert "What the final conference showed" in event  # the event lists its stories


def test_date_ranges_read_as_people_write_them():
    from events.when import date_range

    d = datetime.date
    assert date_range(d(2025, 10, 29), d(2025, 10, 30)) == "29–30 October 2025"
    assert date_range(d(2025, 10, 30), d(2025, 11, 2)) == "30 October – 2 November 2025"
    assert date_range(d(2025, 12, 30), d(2026, 1, 2)) == "30 December 2025 – 2 January 2026"
    assert date_range(d(2025, 12, 30), d(2025, 12, 30)) == "30 December 2025"
