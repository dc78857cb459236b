"""Fetching one feed politely and safely: conditional GET, a User-Agent that names the
hub, at most 5 redirects with each hop through the SSRF guard, a size cap, and a deadline
for the whole fetch.

The deadline (NETWORK_FETCH_TIMEOUT_SECONDS from the start of the fetch, every hop
included) holds however a server behaves: urllib3's read timeout applies to each socket
read, so a server that drips a byte every half second would never trip it. A watchdog
timer therefore shuts the connection's socket at the deadline, which ends any read in
progress, whether of the headers or of the body.
"""

import contextlib
import http.client
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

from .guard import Refused, check_url

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
READ_SIZE = 16384
TOO_SLOW = "no complete answer within the time allowed"
# What a connection cut short or a server speaking no HTTP raises on the way up.
BROKEN = (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)


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


# Signs one request: (method, url, headers) -> the headers to send (the fediverse's HTTP
# Signatures cover the host and path, so each hop of a redirect is signed anew).
Signer = Callable[[str, str, dict], dict]


def fetch(
    url: str,
    *,
    user_agent: str,
    etag: str = "",
    last_modified: str = "",
    accept: str = "",
    max_bytes: int = 0,
    sign: Signer | None = None,
) -> Fetched:
    """One document from a public address: guarded, time-boxed and size-capped.

    Feeds by default (`accept`, and `NETWORK_MAX_FEED_BYTES`); the importer asks for
    pages and images with its own `accept` and cap; the fediverse signs its requests.
    """
    deadline = time.monotonic() + settings.NETWORK_FETCH_TIMEOUT_SECONDS
    headers = {
        "User-Agent": user_agent,
        "Accept": accept or ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    moved_to, permanent = "", True
    for _ in range(MAX_REDIRECTS + 1):
        with _Hop(url, headers, deadline, sign=sign) as response:
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
                body=_read_capped(response, max_bytes or settings.NETWORK_MAX_FEED_BYTES),
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def post(url: str, body: bytes, *, headers: dict, sign: Signer | None = None) -> int:
    """Send `body` to a public address (guarded, within the fetch deadline, no redirects
    followed: a delivery goes where it was addressed) and answer the status; the answer's
    body is read up to a small cap and dropped. FetchError when no answer came."""
    deadline = time.monotonic() + settings.NETWORK_FETCH_TIMEOUT_SECONDS
    with _Hop(url, headers, deadline, method="POST", body=body, sign=sign) as response:
        status = response.status
        _read_capped(response, 64_000, drop=True)
    return status


ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
)


class _Hop:
    """One request of a fetch, to the address the guard checked, on a connection of its
    own that a watchdog shuts at the fetch's deadline. Used as a context manager: the
    response inside, the connection closed after, and any failure a FetchError."""

    def __init__(
        self,
        url: str,
        headers: dict,
        deadline: float,
        *,
        method: str = "GET",
        body: bytes | None = None,
        sign: Signer | None = None,
    ):
        try:
            scheme, host, port, address = check_url(url)
        except Refused as error:
            raise FetchError(str(error)) from error
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(TOO_SLOW)
        if scheme == "https":
            self.connection = HTTPSConnection(
                address, port, timeout=remaining, server_hostname=host, assert_hostname=host
            )
        else:
            self.connection = HTTPConnection(address, port, timeout=remaining)
        parts = urlsplit(url)
        default_port = {"http": 80, "https": 443}[scheme]
        self.headers = {**headers, "Host": host if port == default_port else f"{host}:{port}"}
        self.target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.method, self.body = method, body
        if sign is not None:
            self.headers = sign(method, url, self.headers)
        self.expired = threading.Event()
        self.watchdog = threading.Timer(remaining, self._expire)
        self.watchdog.daemon = True

    def _expire(self) -> None:
        self.expired.set()
        sock = self.connection.sock
        if sock is not None:
            # The plain socket's shutdown, also under TLS: it wakes a read blocked in
            # another thread without touching the TLS object that thread is using.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def __enter__(self) -> urllib3.BaseHTTPResponse:
        self.watchdog.start()
        try:
            self.connection.request(
                self.method, self.target, body=self.body, headers=self.headers,
                preload_content=False,
            )  # fmt: skip
            response = self.connection.getresponse()
        except BROKEN as error:
            self._close()
            raise self._failure(error, "could not fetch") from error
        return response

    def __exit__(self, kind, error, traceback) -> None:
        self._close()
        if self.expired.is_set():  # a body cut short at the deadline may look complete
            raise FetchError(TOO_SLOW) from error
        if isinstance(error, BROKEN):
            raise self._failure(error, "the answer broke off") from error

    def _failure(self, error: BaseException, what: str) -> FetchError:
        timed_out = isinstance(error, TimeoutError | urllib3.exceptions.TimeoutError)
        if self.expired.is_set() or timed_out:
            return FetchError(TOO_SLOW)
        return FetchError(f"{what}: {type(error).__name__}")

    def _close(self) -> None:
        self.watchdog.cancel()
        self.connection.close()


def _read_capped(response: urllib3.BaseHTTPResponse, limit: int, *, drop: bool = False) -> bytes:
    """The body, up to `limit` bytes (FetchError past it; with `drop`, read that far and
    stop quietly: an answer nobody reads need not be whole)."""
    declared = response.headers.get("Content-Length")
    too_large = f"the answer is larger than {limit / 1_000_000:g} MB"
    if (
        not drop
        and declared
        and declared.isascii()
        and declared.isdigit()
        and int(declared) > limit
    ):
        raise FetchError(too_large)
    chunks, total = [], 0
    while chunk := response.read1(READ_SIZE):
        total += len(chunk)
        if total > limit:
            if drop:
                return b""
            raise FetchError(too_large)
        chunks.append(chunk)
    return b"".join(chunks)
