"""Which URLs are machine-readable (MACHINE_READABLE_URLS: API, feeds, calendars, sitemap,
widget) and which of those show the river (RIVER_URLS). The response cache, gzip, CORS
and the CSP all read this one rule."""

import re

from django.conf import settings

_compiled: dict[str, re.Pattern] = {}


def _pattern(regex: str) -> re.Pattern:
    if regex not in _compiled:
        _compiled[regex] = re.compile(regex)
    return _compiled[regex]


def is_machine_readable(path: str) -> bool:
    return _pattern(settings.MACHINE_READABLE_URLS).search(path) is not None


def shows_the_river(path: str) -> bool:
    return _pattern(settings.RIVER_URLS).search(path) is not None
