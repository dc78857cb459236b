"""Counting every read that counts (reach.classify), cached answers included: this sits
outside the response cache. One Redis round trip, no database, nothing about the reader
kept (reach.buffer)."""

import logging

from django.http import HttpRequest
from django.utils import timezone

from delivery.response_cache import RENDERING_AHEAD
from limits.client_ip import client_ip

from . import buffer, classify

logger = logging.getLogger(__name__)


class CountReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if request.method == "GET" and not request.META.get(RENDERING_AHEAD):  # not a reader
            try:
                self._count(request, response)
            except Exception:  # counting must never cost a reader their answer
                logger.exception("reach: a read could not be counted")
        return response

    @staticmethod
    def _count(request: HttpRequest, response) -> None:
        kind = classify.channel(request.path)
        if kind is None or not classify.counted_status(kind, response):
            return
        if classify.opted_out(request) or classify.prefetching(request):
            return
        user_agent = request.headers.get("User-Agent", "")
        if not user_agent:
            return
        fetcher = subscribers = None
        crawler = classify.is_crawler(user_agent)
        if kind in ("feed", "calendar"):
            fetcher = (client_ip(request) or "", classify.fetcher_name(user_agent))
            # Reports count from listed feed readers only (anyone can write "1000
            # subscribers" into a user agent of their own).
            subscribers = classify.subscriber_report(user_agent) if crawler else None
            if subscribers is None and crawler:
                return  # a crawler, not a reader
        elif crawler:
            return
        origin = classify.partner_origin(request) if kind in ("api", "widget") else ""
        path = classify.counted_path(kind, request.path, origin)
        buffer.count(
            timezone.localdate(), kind, path, origin, fetcher=fetcher, subscribers=subscribers
        )
