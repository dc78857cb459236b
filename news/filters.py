"""The one filter language for news, shared by the API, the feeds and the listing pages."""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from django.utils.text import slugify

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 12
# A word is a run of letters or digits in any script; everything else (quotes, brackets,
# operators, wildcards) separates words, so search syntax never reaches the database.
_WORD = re.compile(r"\w+", re.UNICODE)


class FilterError(ValueError):
    """A query parameter with a value we cannot use; `param` names it for the 400 message."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


def plain_words(text: str) -> str:
    """User text as lower-case words, safe for SQLite FTS and PostgreSQL alike.

    Lower case matters: SQLite FTS5 treats upper-case AND, OR, NOT and NEAR as operators.
    An empty result means "nothing to search for", and callers answer with no results.
    """
    return " ".join(_WORD.findall(text.lower())[:MAX_SEARCH_TERMS])


@dataclass(frozen=True)
class NewsFilters:
    category: str | None = None
    tag: str | None = None
    project: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    search: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str], *, strict: bool = True) -> "NewsFilters":
        """Parse query parameters. Strict mode raises FilterError; lenient mode drops bad values."""
        values: dict[str, object] = {}
        for name, parse in PARSERS.items():
            raw = query.get(name)
            if raw is None or raw == "":
                continue
            try:
                values[name] = parse(name, raw)
            except FilterError:
                if strict:
                    raise
        filters = cls(**values)
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            if strict:
                raise FilterError("date_from", "must not be later than date_to.")
            filters = replace(filters, date_from=None, date_to=None)
        return filters

    def as_query(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)}

    def __bool__(self) -> bool:
        return bool(self.as_query())


def _check_text(name: str, raw: str) -> str:
    if "\x00" in raw:
        raise FilterError(name, "must not contain NUL characters.")
    return raw.strip()


def parse_slug(name: str, raw: str) -> str:
    value = _check_text(name, raw)
    if len(value) > 100 or slugify(value) != value:
        raise FilterError(name, f"'{value[:100]}' is not a valid slug.")
    return value


def parse_date(name: str, raw: str) -> datetime.date:
    value = _check_text(name, raw)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise FilterError(name, "must be an ISO date such as 2026-03-30.") from error


def parse_search(name: str, raw: str) -> str:
    """Bounded user text; callers search for `plain_words()` of it."""
    value = " ".join(_check_text(name, raw).split())
    if len(value) > MAX_SEARCH_LENGTH:
        raise FilterError(name, f"must be at most {MAX_SEARCH_LENGTH} characters.")
    if len(value.split()) > MAX_SEARCH_TERMS:
        raise FilterError(name, f"must have at most {MAX_SEARCH_TERMS} words.")
    return value


PARSERS = {
    "category": parse_slug,
    "tag": parse_slug,
    "project": parse_slug,
    "date_from": parse_date,
    "date_to": parse_date,
    "search": parse_search,
}
FILTER_PARAMETERS = frozenset(PARSERS)
