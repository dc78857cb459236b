"""What every public endpoint shares: anonymous access, strict parameters, bounded paging,
plain-word search, public caching headers, and 400s (never 500s) for what people type."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.cache import patch_cache_control

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from rest_framework.filters import BaseFilterBackend
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings

from news.filters import FilterError, parse_search
from news.paging import read_window
from news.querysets import matching
from news.references import site_root_url

MAX_OFFSET = 1_000_000
MAX_ID_DIGITS = 18
# What a detail view understands besides its path; anything else is a 400.
DETAIL_PARAMETERS = frozenset({"fields", "rich_text_format", "format", "_"})


def strict_int(request, name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not is_ascii_number(raw) or len(raw) > 9 or not minimum <= int(raw) <= maximum:
        raise BadRequestError(f"{name} must be an integer from {minimum} to {maximum}")
    return int(raw)


def is_database_id(value: str) -> bool:
    return is_ascii_number(value) and len(value) <= MAX_ID_DIGITS


def is_ascii_number(value: str) -> bool:
    """0-9 only: `str.isdigit()` also accepts '①' and '²', which int() then refuses."""
    return value.isascii() and value.isdigit()


def page_links(request, *, offset: int, limit: int, total: int) -> dict[str, str | None]:
    """`next` and `previous` of a listing: the same query at the neighbouring offsets,
    absolute on the site's root like every URL a partner receives; None at either end."""
    base = site_root_url(request=request) + request.path

    def at(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return f"{base}?{query.urlencode()}"

    return {
        "next": at(offset + limit) if limit and offset + limit < total else None,
        "previous": at(max(offset - limit, 0)) if limit and offset else None,
    }


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination with offsets the database can take (huge ones crash SQLite),
    and `next` / `previous` links beside the total.

    The view may count through `view.count(queryset)` (the news listing caches totals).
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.offset = strict_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        self.limit = strict_int(request, "limit", min(20, limit_max), minimum=0, maximum=limit_max)
        self.request = request
        self.view = view
        count = getattr(view, "count", None)
        self.total_count = count(queryset) if count else queryset.count()
        return read_window(queryset, self.offset, self.offset + self.limit, self.total_count)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = page_links(self.request, offset=self.offset, limit=self.limit,
                           total=self.total_count)  # fmt: skip
        response.data["meta"].update(links)
        return response


class GuardedFieldsFilter(FieldsFilter):
    """Field filters with a 400 for values the field cannot hold (a bad date, say); and
    `format=json` chooses the renderer, it does not look for events in a "json" format."""

    def filter_queryset(self, request, queryset, view):
        if chooses_renderer(request):
            request = _QueryWithout(request, "format")
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, ValidationError, TypeError, OverflowError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class PlainWordsSearchFilter(BaseFilterBackend):
    """`?search=` on any endpoint: bounded text, searched as plain words (see `matching`)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator", "and")
        if operator not in {"and", "or"}:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        try:
            text = parse_search("search", request.GET["search"])
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        return matching(queryset, text, operator=operator)


# `?format=` values that choose a renderer, as in every DRF API; any other value is the
# events' attendance filter (`format=online`), never a renderer lookup that 404s.
# `format=json` still chooses the JSON renderer (the only one: the API answers JSON).
RENDERER_FORMATS = frozenset({"json"})


def chooses_renderer(request) -> bool:
    return request.GET.get("format") in RENDERER_FORMATS


class _QueryWithout:
    """The part of a request FieldsFilter reads (its query), less one parameter."""

    def __init__(self, request, name: str):
        self.GET = request.GET.copy()
        self.GET.pop(name, None)


class _WithoutFormatOverride:
    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class FormatIsAlsoAFilter(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if format_suffix is None and not chooses_renderer(request):
            self.settings = _WithoutFormatOverride()  # one negotiator per request
        return super().select_renderer(request, renderers, format_suffix)


class PublicAPIMixin:
    """Every client is anonymous (no session or Basic auth, so nothing more to see);
    answers are public and short-lived for caches; bad input is the client's 4xx."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]  # no browsable HTML: one representation, described
    pagination_class = BoundedPagination
    content_negotiation_class = FormatIsAlsoAFilter

    def detail_view(self, request, pk):
        if not is_database_id(str(pk)):
            raise Http404("not found")
        unknown = sorted(set(request.GET) - DETAIL_PARAMETERS)
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        if "id" in request.GET and not is_database_id(request.GET["id"]):
            raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response

    def handle_exception(self, exc):
        # Values the database rejects are the client's mistake, not a server error.
        if isinstance(exc, (DataError, OverflowError)):
            exc = BadRequestError("a query parameter has a value the database cannot use")
        return super().handle_exception(exc)

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents by 4, which makes responses a third larger and
        # sends encoding through Python's slow path instead of the C encoder.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class AlwaysJSON(DefaultContentNegotiation):
    """For endpoints that only speak JSON: `format` is an ordinary (here unknown)
    parameter, never a renderer switch that answers 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
