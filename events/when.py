"""An event's date and time in words, in its own zone, with the zone named."""

from datetime import datetime, timedelta

from django.utils.dateformat import format as date_format


def _day(moment, with_weekday: bool = True) -> str:
    return date_format(moment, "l j F Y" if with_weekday else "j F Y")


def date_range(first, last) -> str:
    """Days as people write them: '29–30 October 2025', '30 October – 2 November 2025',
    '30 December 2025 – 2 January 2026'."""
    if first == last:
        return date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_format(last, 'j F Y')}"
    if first.year == last.year:
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"


def days(event) -> str:
    """The event's days in its own zone ('29–30 October 2025'), for "took place on"."""
    span = event.local_span()
    if span is None:
        return ""
    start, end = span
    last = (end - timedelta(days=1)).date() if event.all_day else end.date()
    return date_range(start.date(), max(last, start.date()))


def describe(event) -> str:
    """'Tuesday 12 May 2026, 09:30–17:00 CEST (Europe/Berlin)' and its all-day variants."""
    span = event.local_span()
    if span is None:
        return ""
    start, end = span
    if event.all_day:
        last = (end - timedelta(days=1)).date()
        if last == start.date():
            return _day(start)
        return date_range(start.date(), last)
    zone = f"{start.tzname()} ({event.time_zone.replace('_', ' ')})"
    if start.date() == end.date():
        return f"{_day(start)}, {start:%H:%M}–{end:%H:%M} {zone}"
    return f"{_day(start)}, {start:%H:%M} – {_day(end)}, {end:%H:%M} {zone}"


def iso_span(event) -> tuple[str, str] | None:
    """schema.org start and end: dates for all-day events, times with offsets otherwise."""
    span = event.local_span()
    if span is None:
        return None
    if event.all_day:
        return event.start_date.isoformat(), event.end_date.isoformat()
    start, end = span
    return start.isoformat(), end.isoformat()


def in_zone(moment: datetime, event) -> datetime:
    return moment.astimezone(event.zone)
