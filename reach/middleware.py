"""Counting every read that counts (reach.classify), cached answers included: this sits
outside the response cache. One Redis round trip, no database, nothing about the reader
kept (reach.buffer)."""

from django.http import HttpRequest
from django.utils import timezone

from limits.client_ip import client_ip

from . import buffer, classify


class CountReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if request.method == "GET":
            self._count(request, response)
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
        if kind in ("feed", "calendar"):
            fetcher = (client_ip(request) or "", classify.fetcher_name(user_agent))
            subscribers = classify.subscriber_report(user_agent)
            if subscribers is None and classify.is_crawler(user_agent):
                return  # a crawler, not a reader
        elif classify.is_crawler(user_agent):
            return
        origin = classify.partner_origin(request) if kind in ("api", "widget") else ""
        buffer.count(
            timezone.localdate(), kind, request.path, origin,
            fetcher=fetcher, subscribers=subscribers,
        )  # fmt: skip
