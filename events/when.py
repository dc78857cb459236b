"""An event's date and time in words, in its own zone, with the zone named."""

from datetime import datetime, timedelta

from django.utils.dateformat import format as date_format


def _day(moment, with_weekday: bool = True) -> str:
    return date_format(moment, "l j F Y" if with_weekday else "j F Y")


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
        return f"{_day(start, with_weekday=False)} – {_day(last, with_weekday=False)}"
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
