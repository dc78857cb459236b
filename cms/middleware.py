"""Gzip for the feeds and the API only.

Compressing HTML pages that carry CSRF tokens invites BREACH; feeds and API responses
hold no secrets, are large and are read by machines, so they gain the most.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_PREFIXES = ("/feeds/", "/api/")


class CompressFeedsAndAPI(GZipMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith(COMPRESSED_PREFIXES):
            return response
        return super().process_response(request, response)
