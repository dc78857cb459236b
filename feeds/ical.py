"""iCalendar (RFC 5545, with RFC 7986's calendar properties) from plain values: a pure
function, no requests, caches or database, so the same events give the same bytes.

The `icalendar` package folds lines at 75 octets, ends them with CRLF and escapes text.
Times are written in UTC (`DTSTART:20260328T090000Z`), the form every client reads the
same way; calendar apps show them in the reader's own zone, and the DESCRIPTION gives the
local time in the event's zone, named. We tried TZID with VTIMEZONE first: the
definitions `icalendar` derives from the zone database list each transition as an RDATE,
which vobject (through dateutil) misreads by an hour after the first year, and Outlook is
known to ignore; RRULE-based definitions cannot be derived faithfully for every zone.
Whole-day events are dates with an exclusive end, as the RFC asks.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import icalendar

from news.text import strip_xml_illegal

PRODID = "-//Magnet Network//Updates and events//EN"
# How often subscribers should fetch again (RFC 7986 REFRESH-INTERVAL; Outlook's name too).
REFRESH_INTERVAL = timedelta(hours=6)
STATUSES = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    url: str
    start: date | datetime  # a date for whole days; otherwise aware (written in UTC)
    end: date | datetime  # exclusive for whole days
    description: str
    location: str
    status: str  # scheduled, postponed or cancelled
    modified: datetime
    sequence: int = 0
    online_url: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarMeta:
    name: str
    description: str
    url: str
    events: tuple[CalendarEvent, ...] = field(default_factory=tuple)


def _text(value: str) -> str:
    """Text that may run over several lines (DESCRIPTION): icalendar escapes the breaks."""
    return strip_xml_illegal(value or "").replace("\r\n", "\n").replace("\r", "\n")


def _line(value: str) -> str:
    """Text of one line (NAME, SUMMARY, LOCATION …): whatever was stored, breaks and runs
    of spaces become one space, so no stored text can break or inject a content line."""
    return " ".join(strip_xml_illegal(value or "").split())


def _uri(value: str) -> str:
    """A URI property's value, or '' when it holds a space or control character (a line
    break in a stored address must not start a property of its own)."""
    value = (value or "").strip()
    return "" if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value) else value


def build_calendar(meta: CalendarMeta) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _line(meta.name))
    calendar.add("x-wr-calname", _line(meta.name))
    if meta.description:
        calendar.add("description", _text(meta.description))
        calendar.add("x-wr-caldesc", _text(meta.description))
    calendar.add("url", _uri(meta.url))
    calendar.add("source", _uri(meta.url), parameters={"VALUE": "URI"})
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    for event in meta.events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def _utc(moment: date | datetime) -> date | datetime:
    return moment.astimezone(UTC) if isinstance(moment, datetime) else moment


def _vevent(event: CalendarEvent) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    # Published calendars have no METHOD-specific DTSTAMP meaning: it is the last change
    # (RFC 5545 3.8.7.2), which also keeps the bytes the same between two renders.
    vevent.add("dtstamp", event.modified)
    vevent.add("last-modified", event.modified)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", _utc(event.start))
    vevent.add("dtend", _utc(event.end))
    vevent.add("summary", _line(event.title))
    vevent.add("description", _text(event.description))
    vevent.add("url", _uri(event.url), parameters={"VALUE": "URI"})
    if event.location:
        vevent.add("location", _line(event.location))
    if online_url := _uri(event.online_url):
        vevent.add(
            "conference",
            online_url,
            parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Join online"},
        )
    if event.categories:
        vevent.add("categories", [_line(name) for name in event.categories])
    vevent.add("status", STATUSES[event.status])
    vevent.add("class", "PUBLIC")
    if not isinstance(event.start, datetime):
        vevent.add("transp", "TRANSPARENT")  # a whole-day event does not block the days
    return vevent
