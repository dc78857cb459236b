"""Thin HTTP for feeds: parameters, the site, headers. Documents come from documents.py.

Conditional GET (304) is answered by Django's ConditionalGetMiddleware from the ETag and
Last-Modified set here; repeated reads are served by the response cache (delivery.response_cache)
because these responses say `Cache-Control: public`.
"""

import hashlib

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from wagtail.models import Site

from home.models import SiteSettings
from network.river import FILTER_PARAMETERS as RIVER_PARAMETERS
from news.filters import FILTER_PARAMETERS, FilterError, NewsFilters

from . import event_documents, network_documents
from .builders import OpmlMeta, build_opml
from .documents import FeedDocument, feed_catalogue, news_feed


def _site_or_404(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host.")
    return site


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _unknown_parameter(request: HttpRequest, allowed: frozenset[str]) -> str | None:
    unknown = sorted(set(request.GET) - allowed)
    return unknown[0] if unknown else None


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.FEEDS_CACHE_MAX_AGE,
        stale_while_revalidate=settings.FEEDS_CACHE_MAX_AGE,
    )
    return response


@require_safe
def feed(request: HttpRequest, fmt: str, kind: str | None = None, slug: str | None = None):
    if unknown := _unknown_parameter(request, FILTER_PARAMETERS):
        return _bad_request(f"{unknown[:50]}: not a feed parameter; feeds take {_names()}.")
    try:
        filters = NewsFilters.from_query(request.GET)
    except FilterError as error:
        return _bad_request(str(error))
    document = news_feed(site=_site_or_404(request), fmt=fmt, kind=kind, slug=slug, filters=filters)
    return _document_response(document)


def _document_response(document: FeedDocument) -> HttpResponse:
    response = HttpResponse(document.body, content_type=document.content_type)
    response["ETag"] = '"' + hashlib.sha256(document.body).hexdigest()[:32] + '"'
    response["Last-Modified"] = http_date(document.updated.timestamp())
    return _public(response)


def _no_parameters(request: HttpRequest, what: str) -> HttpResponseBadRequest | None:
    if unknown := _unknown_parameter(request, frozenset()):
        return _bad_request(f"{unknown[:50]}: {what} takes no parameters.")
    return None


@require_safe
def events_feed(request: HttpRequest, fmt: str):
    if refusal := _no_parameters(request, "the events feed"):
        return refusal
    return _document_response(event_documents.events_feed(site=_site_or_404(request), fmt=fmt))


@require_safe
def network_feed(request: HttpRequest, fmt: str, slug: str | None = None):
    """The river; it takes the river's filters (`project` through its path)."""
    allowed = RIVER_PARAMETERS - {"project"}
    if unknown := _unknown_parameter(request, allowed):
        return _bad_request(
            f"{unknown[:50]}: not a parameter of the network feed; it takes "
            f"{', '.join(sorted(allowed))}."
        )
    try:
        filters = NewsFilters.from_query(request.GET)
    except FilterError as error:
        return _bad_request(str(error))
    site = _site_or_404(request)
    document = network_documents.network_feed(site=site, fmt=fmt, project=slug, filters=filters)
    return _document_response(document)


@require_safe
def events_calendar(request: HttpRequest, kind: str | None = None, slug: str | None = None):
    if refusal := _no_parameters(request, "a calendar"):
        return refusal
    site = _site_or_404(request)
    return _document_response(event_documents.events_calendar(site=site, kind=kind, slug=slug))


@require_safe
def event_calendar(request: HttpRequest, slug: str):
    if refusal := _no_parameters(request, "a calendar"):
        return refusal
    site = _site_or_404(request)
    return _document_response(event_documents.event_calendar(site=site, slug=slug))


def _names() -> str:
    return ", ".join(sorted(FILTER_PARAMETERS))


@require_safe
def feed_index(request: HttpRequest):
    """An HTML page listing every feed and calendar, for people; aggregators can import
    the feeds as OPML."""
    if refusal := _no_parameters(request, "the feed index"):
        return refusal
    site = _site_or_404(request)
    context = {
        "groups": feed_catalogue(site),
        "calendars": event_documents.calendar_catalogue(site),
    }
    return render(request, "feeds/index.html", context)


@require_safe
def opml(request: HttpRequest):
    if refusal := _no_parameters(request, "the OPML"):
        return refusal
    site = _site_or_404(request)
    site_settings = SiteSettings.for_site(site)
    meta = OpmlMeta(
        title=site_settings.feed_title,
        owner=site_settings.organisation,
        groups=tuple(feed_catalogue(site)),
    )
    return _public(HttpResponse(build_opml(meta), content_type="text/x-opml; charset=utf-8"))
