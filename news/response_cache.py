"""Serve repeated anonymous reads of the API and the feeds from the cache.

Views opt in by setting `response.cache_valid_until` (a Unix time): the feed view sets it
to the next go-live or expiry it knows of, the API to the same bound or its own limit.
Sitting before sessions, CSRF and authentication, a hit costs no database query and
little else; conditional requests are answered with 304 from the stored validators.
Publishing bumps the content version in the key, so a change shows on the next request.
"""

import re
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from .cache import versioned_key

CACHED_PREFIXES = ("/api/v2/", "/feeds/")
UNCACHED_PREFIXES = ("/api/v2/preview/",)
STORED_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class StoredResponse:
    content: bytes
    gzipped: bytes  # compressed once when stored, not on every hit
    headers: tuple[tuple[str, str], ...]
    valid_until: float


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
        self.size += len(stored.content)
        while self.size > self.max_bytes:
            _, evicted = self.entries.popitem(last=False)
            self.size -= len(evicted.content)


class PublicResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalCopies()

    def __call__(self, request: HttpRequest):
        if not self._applies(request):
            return self.get_response(request)
        key = versioned_key("responses", request.get_host(), request.get_full_path())
        now = time.time()
        stored = self.local.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                self.local.put(key, stored)
        if stored is not None and stored.valid_until > now:
            return self._replay(request, stored)
        response = self.get_response(request)
        valid_until = getattr(response, "cache_valid_until", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and valid_until
            and not response.streaming
            and not response.cookies
        ):
            timeout = min(valid_until - time.time(), settings.RESPONSE_CACHE_SECONDS)
            if timeout >= 1:
                headers = tuple((h, response[h]) for h in STORED_HEADERS if h in response)
                stored = StoredResponse(
                    response.content, compress_string(response.content), headers, valid_until
                )
                cache.set(key, stored, int(timeout))
                self.local.put(key, stored)
        return response

    @staticmethod
    def _applies(request: HttpRequest) -> bool:
        path = request.path
        return (
            request.method in ("GET", "HEAD")
            and path.startswith(CACHED_PREFIXES)
            and not path.startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def _replay(request: HttpRequest, stored: StoredResponse) -> HttpResponse:
        accepts_gzip = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(stored.gzipped if accepts_gzip else stored.content)
        for header, value in stored.headers:
            response[header] = value
        patch_vary_headers(response, ("Accept-Encoding",))
        if accepts_gzip:
            # As GZipMiddleware does: the compressed bytes differ, so the validator is weak.
            response["Content-Encoding"] = "gzip"
            if response.get("ETag", "").startswith('"'):
                response["ETag"] = "W/" + response["ETag"]
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        if request.method == "HEAD" and conditional is response:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return conditional
