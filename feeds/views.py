"""Thin HTTP for feeds: filters, headers, conditional GET. Rendering is in render.py;
repeated reads are served by news.response_cache before this view runs."""

import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from wagtail.models import Site

from taggit.models import Tag

from news.filters import FilterError, NewsFilters
from news.models import NewsPage
from news.snippets import Category, PartnerProject

from .links import feed_links_for, site_feed_links
from .render import content_type_for, render_feed

QUERY_FILTERS = ("category", "tag", "project")


def _site_or_404(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host.")
    return site


@require_safe
def feed(request: HttpRequest, fmt: str, kind: str | None = None, slug: str | None = None):
    try:
        filters = NewsFilters.from_query(
            {name: request.GET[name] for name in QUERY_FILTERS if name in request.GET}
        )
    except FilterError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    rendered = render_feed(
        site=_site_or_404(request),
        fmt=fmt,
        kind=kind,
        slug=slug,
        filters=filters,
        cache_seconds=settings.RESPONSE_CACHE_SECONDS,
    )
    response = HttpResponse(rendered.body, content_type=content_type_for(fmt))
    response["ETag"] = rendered.etag
    response["Last-Modified"] = http_date(rendered.last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.FEEDS_CACHE_MAX_AGE,
        stale_while_revalidate=settings.FEEDS_CACHE_MAX_AGE,
    )
    response.cache_valid_until = rendered.valid_until  # see news.response_cache
    return get_conditional_response(
        request, etag=rendered.etag, last_modified=int(rendered.last_modified), response=response
    )


def feed_index(request: HttpRequest):
    """An HTML page listing every feed, for people; aggregators can import the OPML."""
    return render(request, "feeds/index.html", {"groups": _feed_groups(request)})


@require_safe
def opml(request: HttpRequest):
    response = render(
        request,
        "feeds/opml.xml",
        {"groups": _feed_groups(request), "created": http_date(time.time())},
        content_type="text/x-opml; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=settings.FEEDS_CACHE_MAX_AGE)
    return response


def _feed_groups(request: HttpRequest) -> list[dict]:
    _site_or_404(request)
    base_url = request.build_absolute_uri("/")
    tag_ids = NewsPage.tags.through.objects.values("tag_id")
    return [
        {"name": "All updates", "feeds": [site_feed_links(base_url=base_url)]},
        {
            "name": "By category",
            "feeds": [
                feed_links_for("category", c, base_url=base_url) for c in Category.objects.all()
            ],
        },
        {
            "name": "By partner project",
            "feeds": [
                feed_links_for("project", p, base_url=base_url)
                for p in PartnerProject.objects.all()
            ],
        },
        {
            "name": "By tag",
            "feeds": [
                feed_links_for("tag", t, base_url=base_url)
                for t in Tag.objects.filter(pk__in=tag_ids).order_by("name")
            ],
        },
    ]
