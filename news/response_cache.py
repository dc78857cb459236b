"""Serve repeated anonymous reads of the API and the feeds from the cache.

Views opt in by setting `response.cache_valid_until` (a Unix time): the feed view sets it
to the next go-live or expiry it knows of, the API to the same bound or its own limit.
Sitting before sessions, CSRF and authentication, a hit costs no database query and
little else; conditional requests are answered with 304 from the stored validators.
Publishing bumps the content version in the key, so a change shows on the next request.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .cache import versioned_key

CACHED_PREFIXES = ("/api/v2/", "/feeds/")
UNCACHED_PREFIXES = ("/api/v2/preview/",)
STORED_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control")


@dataclass(frozen=True)
class StoredResponse:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    valid_until: float


class PublicResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not self._applies(request):
            return self.get_response(request)
        key = versioned_key("responses", request.get_host(), request.get_full_path())
        stored = cache.get(key)
        if stored is not None and stored.valid_until > time.time():
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
                cache.set(key, StoredResponse(response.content, headers, valid_until), int(timeout))
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
        response = HttpResponse(stored.content)
        for header, value in stored.headers:
            response[header] = value
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
        if request.method == "HEAD" and conditional is response:
            response.content = b""
            response["Content-Length"] = str(len(stored.content))
        return conditional
