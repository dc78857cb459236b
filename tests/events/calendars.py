"""Reading calendars as two independent clients do: icalendar and vobject."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import icalendar
import vobject


@dataclass(frozen=True)
class ReadEvent:
    uid: str
    summary: str
    start: date | datetime  # an aware datetime, or a date for whole days
    end: date | datetime
    sequence: int
    status: str


def read_with_icalendar(body: bytes) -> tuple[icalendar.Calendar, list[ReadEvent]]:
    calendar = icalendar.Calendar.from_ical(body)
    events = [
        ReadEvent(
            uid=str(component["UID"]),
            summary=str(component["SUMMARY"]),
            start=component.decoded("DTSTART"),
            end=component.decoded("DTEND"),
            sequence=int(component.get("SEQUENCE", 0)),
            status=str(component["STATUS"]),
        )
        for component in calendar.walk("VEVENT")
    ]
    return calendar, events


def read_with_vobject(body: bytes) -> list[ReadEvent]:
    calendar = vobject.readOne(body.decode("utf-8"))
    return [
        ReadEvent(
            uid=vevent.uid.value,
            summary=vevent.summary.value,
            start=vevent.dtstart.value,
            end=vevent.dtend.value,
            sequence=int(vevent.sequence.value),
            status=vevent.status.value,
        )
        for vevent in calendar.vevent_list
    ]


def utc(moment: date | datetime) -> date | datetime:
    return moment.astimezone(UTC) if isinstance(moment, datetime) else moment


def read_both(body: bytes) -> list[ReadEvent]:
    """The events, after checking that both parsers agree on every instant."""
    _, first = read_with_icalendar(body)
    second = read_with_vobject(body)
    assert [(e.uid, utc(e.start), utc(e.end), e.sequence, e.status) for e in first] == [
        (e.uid, utc(e.start), utc(e.end), e.sequence, e.status) for e in second
    ]
    return first
