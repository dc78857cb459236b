"""Reporting a part that fails (the database, the shared cache) as an operator wants to
read it: the first failure of a kind at once, then one line per OUTAGE_LOG_SECONDS saying
how many failures there were, and one line when the part answers again. Never a
traceback per request: during a database outage Django would log one for every request
(3,500 lines in 8 s were seen); `DatabaseOutageFilter` turns those into counts here.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger("outages")


@dataclass
class _Outage:
    started: float
    window_started: float
    failures: int = 1
    in_window: int = 0
    last_error: str = ""


_outages: dict[str, _Outage] = {}
_lock = threading.Lock()


def report_outage(kind: str, error: BaseException | str) -> None:
    """One more failure of `kind` ("database", "cache"); logs at most once per interval."""
    now = time.monotonic()
    description = _describe(error)
    with _lock:
        outage = _outages.get(kind)
        if outage is None:
            _outages[kind] = _Outage(started=now, window_started=now, last_error=description)
            logger.warning("%s unreachable: %s", kind, description)
            return
        outage.failures += 1
        outage.in_window += 1
        outage.last_error = description
        if now - outage.window_started < settings.OUTAGE_LOG_SECONDS:
            return
        logger.warning(
            "%s still unreachable: %d failures in the last %d s (last: %s)",
            kind, outage.in_window, round(now - outage.window_started), description,
        )  # fmt: skip
        outage.window_started, outage.in_window = now, 0


def report_recovery(kind: str) -> None:
    """`kind` answered again: say so once, with how long and how often it failed."""
    if kind not in _outages:  # the common case, without taking the lock
        return
    with _lock:
        outage = _outages.pop(kind, None)
    if outage is not None:
        logger.warning(
            "%s reachable again after %d s and %d failures",
            kind, round(time.monotonic() - outage.started), outage.failures,
        )  # fmt: skip


def _describe(error: BaseException | str) -> str:
    if isinstance(error, BaseException):
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {text}"[:200]
    return str(error)[:200]


class DatabaseOutageFilter(logging.Filter):
    """On `django.request`: an error caused by an unreachable database is counted as an
    outage (the response is a 503, see cms.views) instead of logged with its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, DatabaseError):
            report_outage("database", error)
            return False
        return True
