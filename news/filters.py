"""The one filter language for news, shared by the API, the feeds and the listing pages."""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from django.utils.text import slugify

# Typed text is never refused: only its first words, each of bounded length, are searched.
MAX_SEARCH_TERMS = 12
MAX_WORD_LENGTH = 60
MAX_SEARCH_INPUT = 2000
# A word is a run of letters or digits in any script; everything else (quotes, brackets,
# operators, wildcards) separates words, so search syntax never reaches the database.
_WORD = re.compile(r"\w+", re.UNICODE)
# Operators people type from other search boxes, as typed: not words they look for.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


class FilterError(ValueError):
    """A query parameter with a value we cannot use; `param` names it for the 400 message."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


def plain_words(text: str) -> str:
    """User text as lower-case words, safe for SQLite FTS and PostgreSQL alike.

    Upper-case AND, OR, NOT and NEAR typed alone are dropped (operator habits), and the
    rest is lower-cased: SQLite FTS5 would read those upper-case words as operators.
    An empty result means "nothing to search for", and callers answer with no results.
    """
    words = [w for w in _WORD.findall(text[:MAX_SEARCH_INPUT]) if w not in _OPERATORS]
    return " ".join(word[:MAX_WORD_LENGTH].lower() for word in words[:MAX_SEARCH_TERMS])


def parse_query(parsers: Mapping, query: Mapping[str, str], *, strict: bool) -> dict:
    """Each parameter that `parsers` knows and the query gives, parsed by its parser
    (`parser(name, raw)`); a bad value raises FilterError, or is dropped when not strict.
    The filter languages of news and events are both read this way."""
    values: dict[str, object] = {}
    for name, parse in parsers.items():
        raw = query.get(name)
        if raw is None or raw == "":
            continue
        try:
            values[name] = parse(name, raw)
        except FilterError:
            if strict:
                raise
    return values


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
        filters = cls(**parse_query(PARSERS, query, strict=strict))
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
    """What people typed, accepted as it is: searches use `plain_words()` of it, so no text
    is a syntax error, and over-long text is cut to its first words, never refused."""
    return " ".join(raw[:MAX_SEARCH_INPUT].replace("\x00", " ").split())


PARSERS = {
    "category": parse_slug,
    "tag": parse_slug,
    "project": parse_slug,
    "date_from": parse_date,
    "date_to": parse_date,
    "search": parse_search,
}
FILTER_PARAMETERS = frozenset(PARSERS)
