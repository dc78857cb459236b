"""Fetching one feed politely and safely: conditional GET, a User-Agent that names the
hub, a 10 s deadline, a 5 MB cap, at most 5 redirects, each hop through the SSRF guard."""

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

import urllib3

from .guard import Refused, check_url

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 when unchanged
    url: str  # where the body came from
    moved_to: str  # the new address after permanent redirects only, else ""
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""


class FetchError(Exception):
    def __init__(self, reason: str, *, gone: bool = False):
        super().__init__(reason)
        self.reason, self.gone = reason, gone


def fetch(url: str, *, user_agent: str, etag: str = "", last_modified: str = "") -> Fetched:
    deadline = time.monotonic() + settings.NETWORK_FETCH_TIMEOUT_SECONDS
    headers = {"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    moved_to, permanent = "", True
    for _ in range(MAX_REDIRECTS + 1):
        response = _get(url, headers, deadline)
        try:
            status = response.status
            if status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} without a Location")
                url = urljoin(url, location)
                permanent = permanent and status in PERMANENT
                moved_to = url if permanent else ""
                continue
            if status == 304:
                return Fetched(304, url, moved_to, etag=etag, last_modified=last_modified)
            if status == 410:
                raise FetchError("HTTP 410 Gone: the feed was removed", gone=True)
            if status != 200:
                raise FetchError(f"HTTP {status}")
            return Fetched(
                200,
                url,
                moved_to,
                body=_read_capped(response, deadline),
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
        finally:
            response.release_conn()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
)


def _get(url: str, headers: dict, deadline: float) -> urllib3.BaseHTTPResponse:
    try:
        scheme, host, port, address = check_url(url)
    except Refused as error:
        raise FetchError(str(error)) from error
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("no answer within the time allowed")
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, timeout=timeout
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout)
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}[scheme]
    request_headers = {**headers, "Host": host if port == default_port else f"{host}:{port}"}
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        return pool.urlopen(
            "GET", target, headers=request_headers, redirect=False, retries=False,
            preload_content=False, decode_content=True,
        )  # fmt: skip
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"could not fetch: {type(error).__name__}") from error


def _read_capped(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    limit = settings.NETWORK_MAX_FEED_BYTES
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"the feed is larger than {limit // 1_000_000} MB")
    chunks, total = [], 0
    try:
        for chunk in response.stream(65536):
            total += len(chunk)
            if total > limit:
                raise FetchError(f"the feed is larger than {limit // 1_000_000} MB")
            if time.monotonic() > deadline:
                raise FetchError("no complete answer within the time allowed")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"the answer broke off: {type(error).__name__}") from error
    return b"".join(chunks)
