"""Serve repeated anonymous reads of machine-readable URLs (API, feeds, calendars,
sitemap) from the cache, without touching the database.

What is stored is decided by the response itself: a 200 to a GET whose `Cache-Control`
says `public` (and not `private` or `no-store`), with no cookie and no `Vary: Cookie`.
Answers stay valid until the content version changes (any publish; for what shows the
river, RIVER_URLS, also new or changed partner items) or until `content_valid_until()`,
whichever comes first. Keys are normalised (scheme, host, path,
sorted parameters); the query-string variants of each path share a bounded count and size,
and large bodies are not stored, so strangers cannot fill the cache with junk URLs.

A missing answer is rendered once, not once per reader: after a publish every output is
cold at once, and a feed polled by many readers at that moment would otherwise be rendered
by each of them, on every core, each render slowing the others (nginx's
`proxy_cache_lock`, Varnish's request coalescing). The first reader takes a short lock in
the shared cache and renders; the others wait for its stored answer, up to
RESPONSE_CACHE_WAIT_SECONDS, then render themselves, as they do at once if the renderer
stores nothing (an error, an answer too large) or its process dies (the lock expires).

After a change the worker renders ahead the answers readers ask for most (each process
notes them, delivery.interest) under the new version, through this same middleware, before
the other processes switch to it (delivery.warming, delivery.versions): readers then find
them stored, instead of all waiting on cold renders at once.

Conditional requests are not answered here: Django's ConditionalGetMiddleware, outside
this one, turns a replayed 200 into a 304 from the stored validators.
"""

import re
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from . import interest
from .machine_readable import is_machine_readable, shows_the_river
from .versions import content_valid_until, content_version, versioned_key

WAIT_INTERVAL_SECONDS = 0.02  # how often a waiting reader looks for the rendered answer
STORED_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Language")
# Says whether an answer came from the cache (HIT) or was rendered (MISS), as Varnish and
# CDNs do: operators (and bench/publish_load.py) tell cached answers from cold ones.
CACHE_STATUS = "X-Cache"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
REFUSING_DIRECTIVES = re.compile(r"\b(private|no-store|no-cache)\b")
# Marks the worker's own requests when it renders ahead (a WSGI environ key, which no
# client can set: headers arrive as HTTP_*): they are not readers, so they note nothing
# and are not counted (reach).
RENDERING_AHEAD = "delivery.rendering_ahead"


@dataclass(frozen=True)
class StoredResponse:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    valid_until: float
    gzipped: bytes | None = None  # compressed at the first gzip hit, then kept

    def size(self) -> int:
        return len(self.content) + len(self.gzipped or b"")


class LocalCopies:
    """This process's copies of recent responses, so a hit skips fetching 200 KB from Redis.

    Safe to keep because keys carry the shared content version: a publish in any process
    changes the key, and a copy is never served past its `valid_until`.
    """

    def __init__(self, max_bytes: int = 32 * 1024 * 1024):
        self.max_bytes, self.size = max_bytes, 0
        self.entries: OrderedDict[str, StoredResponse] = OrderedDict()

    def get(self, key: str) -> StoredResponse | None:
        stored = self.entries.get(key)
        if stored is not None:
            self.entries.move_to_end(key)
        return stored

    def put(self, key: str, stored: StoredResponse) -> None:
        if key in self.entries:
            return
        self.entries[key] = stored
        self.size += stored.size()
        while self.size > self.max_bytes:
            _, evicted = self.entries.popitem(last=False)
            self.size -= evicted.size()

    def replace(self, key: str, stored: StoredResponse) -> None:
        if key in self.entries:
            self.size -= self.entries.pop(key).size()
        self.put(key, stored)


def accepts_gzip(request: HttpRequest) -> bool:
    return ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None


def cache_key_parts(request: HttpRequest) -> tuple[str, str, str, str]:
    """Scheme, host, path and parameters in a fixed order: `?b=1&a=2` is `?a=2&b=1`. A
    repeated parameter counts once, with the value every view reads (the last): `?a=1&a=1`
    is `?a=1`, so repeating parameters cannot make new entries."""
    query = urlencode(sorted((key, request.GET[key]) for key in request.GET))
    return request.scheme, request.get_host(), request.path, query


def is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and not REFUSING_DIRECTIVES.search(cache_control)
        and "cookie" not in response.get("Vary", "").lower()
        and len(response.content) <= settings.RESPONSE_CACHE_MAX_BYTES
    )


class PublicResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalCopies()

    def __call__(self, request: HttpRequest):
        if request.method not in ("GET", "HEAD") or not is_machine_readable(request.path):
            return self.get_response(request)
        if content_version() is None:
            return self.get_response(request)  # the shared cache is away: serve fresh
        parts = cache_key_parts(request)
        scope = "river" if shows_the_river(parts[2]) else None
        key = versioned_key("responses", *parts, scope=scope)
        first_here = key not in self.local.entries
        response = self._answer(request, key, parts)
        if first_here and key in self.local.entries and not request.META.get(RENDERING_AHEAD):
            interest.note(key, (*parts, request.META.get("SERVER_PORT", "")))
        return response

    def _answer(self, request: HttpRequest, key: str, parts: tuple[str, str, str, str]):
        stored = self._stored(key)
        if stored is None and request.method != "GET":
            return self.get_response(request)  # a HEAD is never stored: nobody waits for it
        if stored is None:
            lock = f"{key}:rendering"
            if cache.add(lock, 1, settings.RESPONSE_CACHE_RENDER_SECONDS):
                try:
                    return self._render(request, key, parts)
                finally:
                    cache.delete(lock)
            stored = self._rendered_elsewhere(key, lock)
            if stored is None:
                return self._render(request, key, parts)
        if accepts_gzip(request) and stored.gzipped is None:
            stored = self._with_gzip(key, stored)
        return self._replay(request, stored)

    def _stored(self, key: str) -> StoredResponse | None:
        """The answer stored under `key` and still valid: this process's copy, else Redis's."""
        stored = self.local.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                self.local.put(key, stored)
        return stored if stored is not None and stored.valid_until > time.time() else None

    def _rendered_elsewhere(self, key: str, lock: str) -> StoredResponse | None:
        """Wait for the reader holding `lock` to store its answer; None once it let go
        without storing one, or after RESPONSE_CACHE_WAIT_SECONDS."""
        deadline = time.monotonic() + settings.RESPONSE_CACHE_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_INTERVAL_SECONDS)
            found = cache.get_many([key, lock])
            stored = found.get(key)
            if stored is not None and stored.valid_until > time.time():
                self.local.put(key, stored)
                return stored
            if lock not in found:
                return None
        return None

    def _render(self, request: HttpRequest, key: str, parts: tuple[str, str, str, str]):
        response = self.get_response(request)
        response[CACHE_STATUS] = "MISS"
        scheme, host, path, query = parts
        if is_storable(request, response) and (
            not query or self._within_variant_budget(scheme, host, path, len(response.content))
        ):
            self._store(key, response)
        return response

    @staticmethod
    def _within_variant_budget(scheme: str, host: str, path: str, size: int) -> bool:
        """Query-string variants of one path share a budget per content version: at most
        RESPONSE_CACHE_VARIANTS of them and RESPONSE_CACHE_VARIANT_BYTES in all. The bare
        path is always stored, so junk variants can never crowd out the canonical URL."""
        counts = versioned_key("variants", scheme, host, path)
        sizes = versioned_key("variant-bytes", scheme, host, path)
        for counter in (counts, sizes):
            cache.add(counter, 0, settings.RESPONSE_CACHE_SECONDS)
        try:
            return (
                cache.incr(counts) <= settings.RESPONSE_CACHE_VARIANTS
                and cache.incr(sizes, size) <= settings.RESPONSE_CACHE_VARIANT_BYTES
            )
        except ValueError:  # evicted between add and incr
            return False

    def _store(self, key: str, response: HttpResponse) -> None:
        valid_until = content_valid_until()
        timeout = int(valid_until - time.time())
        if timeout < 1:
            return
        if not response.has_header("ETag"):
            set_response_etag(response)  # as ConditionalGetMiddleware would, before storing
        headers = tuple((h, response[h]) for h in STORED_HEADERS if h in response)
        stored = StoredResponse(response.content, headers, valid_until)
        cache.set(key, stored, timeout)
        self.local.put(key, stored)

    def _with_gzip(self, key: str, stored: StoredResponse) -> StoredResponse:
        """Compress once, at the first reader that accepts gzip, and keep that copy."""
        stored = replace(stored, gzipped=compress_string(stored.content))
        timeout = int(stored.valid_until - time.time())
        if timeout >= 1:
            cache.set(key, stored, timeout)
        self.local.replace(key, stored)
        return stored

    @staticmethod
    def _replay(request: HttpRequest, stored: StoredResponse) -> HttpResponse:
        gzipped = accepts_gzip(request) and stored.gzipped is not None
        response = HttpResponse(stored.gzipped if gzipped else stored.content)
        for header, value in stored.headers:
            response[header] = value
        response[CACHE_STATUS] = "HIT"
        patch_vary_headers(response, ("Accept-Encoding",))
        if gzipped:
            # As GZipMiddleware does: the compressed bytes differ, so the validator is weak.
            response["Content-Encoding"] = "gzip"
            if response.get("ETag", "").startswith('"'):
                response["ETag"] = "W/" + response["ETag"]
        if request.method == "HEAD":
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
