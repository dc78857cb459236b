"""The filter language of events, shared by the API, the events page and calendars."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, fields

from news.filters import FilterError, parse_date, parse_query, parse_slug

FORMATS = ("in-person", "online", "hybrid")


def parse_flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value not in {"true", "false", "1", "0"}:
        raise FilterError(name, "must be true or false.")
    return value in {"true", "1"}


def parse_format(name: str, raw: str) -> str:
    value = raw.strip()
    if value not in FORMATS:
        raise FilterError(name, f"must be one of {', '.join(FORMATS)}.")
    return value


@dataclass(frozen=True)
class EventFilters:
    upcoming: bool | None = None
    past: bool | None = None
    starts_after: datetime.date | None = None
    starts_before: datetime.date | None = None
    project: str | None = None
    category: str | None = None
    tag: str | None = None
    format: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, strict: bool = True) -> "EventFilters":
        filters = cls(**parse_query(PARSERS, query, strict=strict))
        if strict and filters.upcoming and filters.past:
            raise FilterError("past", "cannot be combined with upcoming=true.")
        return filters

    def as_query(self) -> dict[str, str]:
        return {
            f.name: str(getattr(self, f.name)).lower()
            if isinstance(getattr(self, f.name), bool)
            else str(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) not in (None, "")
        }

    def __bool__(self) -> bool:
        return bool(self.as_query())


PARSERS = {
    "upcoming": parse_flag,
    "past": parse_flag,
    "starts_after": parse_date,
    "starts_before": parse_date,
    "project": parse_slug,
    "category": parse_slug,
    "tag": parse_slug,
    "format": parse_format,
}
FILTER_PARAMETERS = frozenset(PARSERS)
