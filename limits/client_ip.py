"""The reader's address, for lockouts and rate limits: one rule for every use.

Behind `PROXY_COUNT` trusted proxies, each appends the address it received from to
`X-Forwarded-For`; the client is the entry the outermost trusted proxy added, counted
from the right. Entries further left are whatever the client sent, so they are ignored.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # fewer proxies than configured: trust nothing forwarded
    return forwarded[-proxies]
