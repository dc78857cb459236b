"""Which requests count, through which channel, and what feed readers report.

Counted: a GET answered 200 (for feeds and calendars also 304: a reader asking whether
anything changed is a read), from a client that names itself, is on no crawler list
(crawler-user-agents, the maintained list), is not prefetching, and did not ask not to
be tracked (`DNT: 1`, `Sec-GPC: 1`). Feed readers that report their subscribers are
crawlers by that list: their reports are read, their fetches counted as fetchers only.
"""

import functools
import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

import crawleruseragents

NOT_COUNTED_PREFIXES = (
    "/admin/", "/static/", "/media/", "/documents/", "/ap/", "/.well-known/", "/nodeinfo/",
    "/healthz", "/robots.txt", "/sitemap.xml", "/favicon",
    # Signed links (confirm, manage, unsubscribe) name a subscriber: never stored.
    "/newsletter/",
)  # fmt: skip
MAX_PATH = 300  # the column's width: longer paths are not counted apart
API_ITEM = re.compile(r"/\d+/$")
PREFETCH = re.compile(r"\bprefetch\b", re.IGNORECASE)
# "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; )", "Inoreader/1.0
# (…; 42 subscribers; )", "NewsBlur Feed Fetcher - 42 subscribers - http://…"
SUBSCRIBERS = re.compile(r"(\d{1,9})\s+(?:subscribers|readers)\b", re.IGNORECASE)
READER_NAME = re.compile(r"^\s*([A-Za-z][\w .-]{0,60}?)\s*(?:/|\(|-\s*\d|;|$)")


def channel(path: str) -> str | None:
    """The channel a path is read through, or None for what is not counted."""
    if path.startswith(NOT_COUNTED_PREFIXES):
        return None
    if path.endswith(".ics"):
        return "calendar"
    if path.startswith("/feeds/"):
        return "feed"
    if path.startswith("/api/docs/"):
        return "page"
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/widgets/") and path.endswith(".js"):
        return "widget"
    return "page"


def opted_out(request: HttpRequest) -> bool:
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def prefetching(request: HttpRequest) -> bool:
    return any(
        PREFETCH.search(request.headers.get(name, ""))
        for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
    )


@functools.lru_cache(maxsize=4096)
def is_crawler(user_agent: str) -> bool:
    """On the maintained list (kept per user agent: a list of regexes, matched once)."""
    return crawleruseragents.is_crawler(user_agent)


def counted_status(kind: str, response: HttpResponse) -> bool:
    return response.status_code == 200 or (
        response.status_code == 304 and kind in ("feed", "calendar")
    )


def subscriber_report(user_agent: str) -> tuple[str, int] | None:
    """(reader, subscribers) from a feed reader's User-Agent, or None."""
    count = SUBSCRIBERS.search(user_agent)
    name = READER_NAME.match(user_agent)
    if count is None or name is None:
        return None
    return name.group(1).strip()[:100], int(count.group(1))


def partner_origin(request: HttpRequest) -> str:
    """The site a browser read the API or the widget for: its Origin, else its Referer's
    origin (scheme and host only: never a path, which could name a person)."""
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname + (f":{port}" if port else "")  # never a user or password
    return f"{parts.scheme}://{host}"[:200].lower()


def counted_path(kind: str, path: str, origin: str) -> str:
    """The address a read is counted under: a partner's API reads by endpoint (not by
    item: origins times items would be unbounded), every path at most MAX_PATH long."""
    if kind == "api" and origin:
        path = API_ITEM.sub("/", path)
    return path[:MAX_PATH]


def fetcher_name(user_agent: str) -> str:
    """The user agent without its subscriber count: one reader is one fetcher all day,
    however its count moves."""
    return SUBSCRIBERS.sub("", user_agent)
