"""Render ahead: after a change, the worker renders the answers readers ask for most under
the new content version, before the web processes switch to it.

Every publish retires every cached answer at once (delivery.versions). Without this, the
first readers after it all find their outputs cold at the same moment and wait on renders
(the slowest taking a few hundred milliseconds at 100,000 stories), and with them every
reader queued behind them. With it, the web processes keep serving the previous answers
for the moments the worker needs (never longer than CONTENT_VERSION_WARM_SECONDS, 3 s by
default), then switch to a version whose answers are already stored.

A lane of the worker (worker.lanes) looks at the counters every POLL_SECONDS; when one is
ahead of what was warmed, it renders the RESPONSE_CACHE_WARM_MAX most-asked URLs
(delivery.interest) that the change retires, each through the whole request path
(middleware, views, the response cache storing it, as a reader's request would, with the
same render lock, so a reader and the worker never render one answer twice), then records
the counter as warmed. Several workers may warm at once: the locks and the stored answers
make the second one's renders cheap, and recording is idempotent.
"""

import io
import logging
import time
from functools import cache

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError

from . import interest
from .machine_readable import shows_the_river
from .models import ContentVersion
from .response_cache import RENDERING_AHEAD
from .versions import EVERYTHING, cache_available, newest_versions, unwarmed

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.1  # how soon after a change the worker starts: well within the bound


def step() -> float:
    """Warm what a change retired, if any; the seconds until the lane looks again."""
    counters = unwarmed()
    if not counters:
        return POLL_SECONDS
    started, rendered = time.monotonic(), 0
    try:
        if cache_available():
            only_the_river = EVERYTHING not in counters
            for entry in interest.most_asked(settings.RESPONSE_CACHE_WARM_MAX):
                if only_the_river and not shows_the_river(entry[2]):
                    continue  # a partner item changed: only the river's outputs are retired
                rendered += _rendered(entry)
    finally:  # whatever happened, readers need not wait for these counters any longer
        for scope, counter in counters.items():
            ContentVersion.objects.filter(scope=scope, counter=counter).update(warmed=counter)
    logger.info("rendered ahead: %d answers in %.3f s", rendered, time.monotonic() - started)
    return 0.0


def _rendered(entry: interest.Entry) -> int:
    """1 once `entry` is rendered and stored (or found stored), 0 if it failed."""
    try:
        return int(render(entry) == 200)
    except DatabaseError:
        raise  # the lane waits the database out
    except Exception:
        logger.exception("rendering ahead: %s failed", entry[2])
        return 0


def render(entry: interest.Entry) -> int:
    """Request `entry` as an anonymous reader through the proxy would, under the newest
    counters; the status."""
    scheme, host, path, query, port = entry
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,  # read only without a Host header
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": scheme,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        RENDERING_AHEAD: True,
    }
    with newest_versions():
        response = _handler().get_response(WSGIRequest(environ))
    if response.status_code != 200:
        logger.info("rendering ahead: %s answered %s", path, response.status_code)
    return response.status_code


@cache
def _handler() -> BaseHandler:
    """The site's middleware and views, without the request signals: a reader's request
    closes its database connection when it ends, the lane keeps its own (worker.lanes)."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler
