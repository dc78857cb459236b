"""Search snippets: the passage of a text around the words someone searched for, marked.

The words are compared by their stems in the site's search language (Snowball, the
stemmer PostgreSQL's text-search configurations use), so "recycled" marks "recycling"
exactly where the search found it. One function for every database: the snippet never
depends on which backend ranked the result.
"""

import re
from functools import cache, lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import snowballstemmer

from .filters import plain_words

_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_LENGTH = 240
# Text shown before the first marked word, so the snippet starts within its sentence.
LEAD_IN = 60


@cache
def _stemmer(language: str):
    """Snowball's stemmer for a PostgreSQL configuration name ("english", "german"…);
    configurations without one ("simple") compare whole words."""
    if language in snowballstemmer.algorithms():
        return snowballstemmer.stemmer(language)
    return None


def stem(word: str) -> str:
    return _stem(word.lower(), settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", ""))


@lru_cache(maxsize=20_000)
def _stem(word: str, language: str) -> str:
    """Snowball in pure Python costs ~0.05 ms a word; words repeat, so each is stemmed once."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def snippet(text: str, search: str, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """Up to `length` characters of `text` around the first searched word, escaped, with
    every searched word (any form of it) in `<mark>`; the opening of the text when no
    word occurs in it (the match was in the title)."""
    wanted = {stem(word) for word in plain_words(search).split()}
    matches = [m for m in _WORD.finditer(text) if stem(m.group()) in wanted]
    start = 0
    if matches and matches[0].start() > LEAD_IN:
        start = text.find(" ", matches[0].start() - LEAD_IN) + 1
    end = len(text) if len(text) - start <= length else text.rfind(" ", start, start + length)
    if end <= start:
        end = min(len(text), start + length)
    parts, position = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        parts += [escape(text[position : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position = match.end()
    parts.append(escape(text[position:end]))
    return mark_safe(  # noqa: S308 - every piece of text is escaped above
        ("… " if start else "") + "".join(parts) + (" …" if end < len(text) else "")
    )
