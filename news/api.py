"""Wagtail API v2 endpoints for the news: publishable content only, fast, and strict.

The stock endpoints are extended rather than replaced: the same URLs, fields and
parameters, plus the news filter language, visibility rules from `news.selectors`, a
batch reference loader so queries do not grow with `limit`, and 400s (never 500s) for
values the database cannot take.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.cache import patch_cache_control

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    SearchFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .cache import versioned_key
from .filters import FilterError, NewsFilters, _parse_search
from .models import NewsPage
from .references import BodyReferences
from .scheduling import next_expiry, publish_due_news
from .selectors import news_pages, visible_pages
from .snippets import Category, PartnerProject

NEWS_FILTER_PARAMS = {"category", "tag", "project", "date_from", "date_to"}
# Parameters that never change which pages a listing counts; every other one does.
NOT_COUNTED_PARAMS = {"limit", "offset", "fields", "order", "rich_text_format"}
MAX_OFFSET = 1_000_000
MAX_SEARCH_RESULTS = 1000
NEWS_ORDERINGS = {
    "-date": ("-date", "-published_at", "-pk"),
    "date": ("date", "published_at", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "first_published_at": ("first_published_at", "pk"),
    "-first_published_at": ("-first_published_at", "-pk"),
}


def _strict_int(request, name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or len(raw) > 9 or not minimum <= int(raw) <= maximum:
        raise BadRequestError(f"{name} must be an integer from {minimum} to {maximum}")
    return int(raw)


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination with offsets the database can take (huge ones crash SQLite)."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        offset = _strict_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
        limit = _strict_int(request, "limit", min(20, limit_max), minimum=0, maximum=limit_max)
        self.view = view
        counted = getattr(view, "cached_count", None)
        self.total_count = counted(queryset) if counted else queryset.count()
        return queryset[offset : offset + limit]


class GuardedFieldsFilter(FieldsFilter):
    """Field filters with a 400 for values the field cannot hold (a bad date, say)."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, ValidationError, TypeError, OverflowError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class NewsOrderingFilter(OrderingFilter):
    """News orderings break ties (publication time, then id) so paging is stable."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order")
        if queryset.model is not NewsPage:
            return super().filter_queryset(request, queryset, view)
        if not order:
            return queryset
        if order not in NEWS_ORDERINGS:
            allowed = ", ".join(NEWS_ORDERINGS)
            raise BadRequestError(f"order: '{order[:50]}' is not one of {allowed}")
        return queryset.order_by(*NEWS_ORDERINGS[order])


class GuardedSearchFilter(SearchFilter):
    """Search with bounded, validated input; news searches are done by the selector."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET or getattr(view, "news_search_done", False):
            return queryset
        _validate_search(request)
        try:
            # Evaluated here, in a savepoint, so a query the search engine rejects is a 400.
            with transaction.atomic():
                results = super().filter_queryset(request, queryset, view)
                return SearchResultList(results[:MAX_SEARCH_RESULTS])
        except DatabaseError as error:
            raise BadRequestError("search: the query could not be understood") from error


class SearchResultList(list):
    """Evaluated search results that paginate like a queryset."""

    def count(self, *args):
        return len(self) if not args else super().count(*args)


def _validate_search(request) -> str:
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in {"and", "or"}:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    try:
        return _parse_search("search", request.GET["search"])
    except FilterError as error:
        raise BadRequestError(str(error)) from error


class CacheHeadersMixin:
    """Public, short-lived caching for anonymous API responses (validated by ETag)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
            # Served again by news.response_cache until content changes or a schedule fires.
            response.cache_valid_until = self.cache_valid_until()
        return response

    def cache_valid_until(self) -> float:
        return time.time() + settings.RESPONSE_CACHE_SECONDS

    def handle_exception(self, exc):
        # Values the database rejects are the client's mistake, not a server error.
        if isinstance(exc, (DataError, OverflowError)):
            exc = BadRequestError("a query parameter has a value the database cannot use")
        return super().handle_exception(exc)


class PublicAPIMixin(CacheHeadersMixin):
    """Every client is anonymous: no session or Basic auth, so nothing more to see."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def validated_pk(self) -> str:
        """A 404 for ids that are not numbers the database can hold (never a 500)."""
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit() or len(pk) > 18:
            raise Http404("not found")
        return pk

    def get_object(self):
        self.validated_pk()
        return super().get_object()

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents by 4, which makes responses a third larger and
        # sends encoding through Python's slow path instead of the C encoder.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context


class NewsPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = [
        GuardedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        NewsOrderingFilter,
        GuardedSearchFilter,
    ]
    known_query_parameters = (
        (PagesAPIViewSet.known_query_parameters - {"site", "translation_of", "locale"})
        | NEWS_FILTER_PARAMS
        | {"search_operator"}
    )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.next_go_live = publish_due_news()

    def cache_valid_until(self) -> float:
        """Never past the next moment a story goes live or expires."""
        if getattr(self, "_valid_until", None) is None:
            upcoming = [self.next_go_live, next_expiry()]
            deadlines = [t.timestamp() for t in upcoming if t is not None]
            self._valid_until = min([super().cache_valid_until(), *deadlines])
        return self._valid_until

    def cached_count(self, queryset) -> int:
        """The listing's total, counted once per content version and filter set.

        COUNT(*) reads every matching row, the one cost that grows with the archive; it
        changes only when content changes or a schedule fires, not from page to page.
        """
        if queryset.model is not NewsPage or not hasattr(queryset, "query"):
            return queryset.count()
        params = sorted(
            (name, value)
            for name, value in self.request.GET.items()
            if name not in NOT_COUNTED_PARAMS
        )
        key = versioned_key("news-count", self.request.get_host(), repr(params))
        total = cache.get(key)
        if total is None:
            total = queryset.count()
            cache.set(key, total, max(1, int(self.cache_valid_until() - time.time())))
        return total

    def get_base_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return visible_pages(Page.objects.all(), site=site)

    def _requested_models(self):
        try:
            models_type = self.request.GET.get("type")
            return list((models_type and page_models_from_string(models_type)) or [])
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error

    def get_queryset(self):
        models = self._requested_models()
        news_params = NEWS_FILTER_PARAMS & set(self.request.GET)
        if models == [NewsPage] or (news_params and not models):
            return self._news_queryset()
        if news_params:
            raise BadRequestError(f"{sorted(news_params)[0]}: only applies to type=news.NewsPage")
        return super().get_queryset()

    def _news_queryset(self):
        if "search" in self.request.GET:
            _validate_search(self.request)
        try:
            filters = NewsFilters.from_query(self.request.GET, strict=True)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        site = Site.find_for_request(self.request)
        if site is None:
            return NewsPage.objects.none()
        if not filters.search:
            queryset = news_pages(site=site, filters=filters)
        else:
            try:  # a savepoint, so a query the search engine rejects is a 400, not a 500
                with transaction.atomic():
                    queryset = news_pages(site=site, filters=filters)
            except DatabaseError as error:
                raise BadRequestError("search: the query could not be understood") from error
        self.news_search_done = True
        return queryset.select_related("locale")

    def get_object(self):
        pk = self.validated_pk()
        # A news page comes through the selector, with its classification prefetched.
        site = Site.find_for_request(self.request)
        if site is not None:
            page = news_pages(site=site).filter(pk=pk).select_related("locale").first()
            if page is not None:
                return page
        return super().get_object()

    def get_serializer(self, instance=None, *args, **kwargs):
        pages = list(instance) if kwargs.get("many") else [instance]
        kwargs["context"] = {
            **self.get_serializer_context(),
            "references": BodyReferences(pages, base_url=self._base_url()),
        }
        return super().get_serializer(pages if kwargs.get("many") else instance, *args, **kwargs)

    def _base_url(self) -> str:
        site = Site.find_for_request(self.request)
        return site.root_url if site else settings.PUBLIC_BASE_URL


class PagePreviewAPIViewSet(NewsPagesAPIViewSet):
    """`/api/v2/preview/?token=…`: the editor's unsaved draft, shaped like a page detail."""

    known_query_parameters = NewsPagesAPIViewSet.known_query_parameters | {
        "token",
        "content_type",
    }
    detail_only_fields = []

    @classmethod
    def get_detail_default_fields(cls, model):
        # A never-saved page has no place in the tree yet, so no parent to show.
        return [f for f in super().get_detail_default_fields(model) if f != "parent"]

    def listing_view(self, request):
        from .preview import page_for_token

        page = page_for_token(request.GET.get("token", ""))
        if page is None:
            raise Http404("preview token unknown or expired")
        self.action = "detail_view"
        self._preview_page = page
        return Response(self.get_serializer(page).data)

    def get_object(self):
        return self._preview_page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


def public_collection_filter(prefix: str = "collection") -> Q:
    """Q excluding objects in a collection under any view restriction (or its descendants)."""
    restricted_paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")
    ).values_list("path", flat=True)
    query = Q()
    for restricted_path in restricted_paths:
        query |= Q(**{f"{prefix}__path__startswith": restricted_path})
    return ~query if query else Q()


class PublicCollectionsMixin(PublicAPIMixin):
    """Images or documents, minus those in view-restricted collections."""

    pagination_class = BoundedPagination
    filter_backends = [GuardedFieldsFilter, OrderingFilter, GuardedSearchFilter]

    def get_queryset(self):
        return super().get_queryset().filter(public_collection_filter())


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    pass


class NewsLinksField(Field):
    """Where to read this category's or project's news: the API listing and its feeds."""

    def __init__(self, param: str, **kwargs):
        self.param = param
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        from feeds.links import feed_links_for

        request = self.context["request"]
        listing = reverse("wagtailapi_v2:pages:listing")
        return {
            "api": request.build_absolute_uri(
                f"{listing}?type=news.NewsPage&{self.param}={obj.slug}"
            ),
            "feeds": feed_links_for(self.param, obj, base_url=request.build_absolute_uri("/")),
        }


class NewsCountField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        return obj.news_count


class TaxonomyAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """Read-only listing and detail of a snippet, with its count of publishable news."""

    pagination_class = BoundedPagination
    filter_backends = [GuardedFieldsFilter, OrderingFilter]
    filter_param = ""
    meta_fields = ["type", "detail_url"]
    listing_default_fields = ["id", "type", "detail_url", "name", "slug", "news_count"]

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        visible = news_pages(site=site, with_body=False).values("pk") if site else []
        return self.model.objects.annotate(
            news_count=Count("news_pages", filter=Q(news_pages__in=visible), distinct=True)
        ).order_by("name" if self.model is Category else "acronym")


class CategoryAPIViewSet(TaxonomyAPIViewSet):
    model = Category
    name = "categories"
    body_fields = [
        "id",
        "name",
        "slug",
        "description",
        "news_count",
        "news",
    ]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {"news_count": NewsCountField(), "news": NewsLinksField("category")}

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = ["id", "name", "slug", "description", "type", "detail_url"]
        if not db_fields_only:
            fields += ["news_count", "news"]
        return fields


class PartnerProjectAPIViewSet(TaxonomyAPIViewSet):
    model = PartnerProject
    name = "projects"
    listing_default_fields = [*TaxonomyAPIViewSet.listing_default_fields, "acronym", "website"]
    body_fields = [
        "id",
        "acronym",
        "name",
        "slug",
        "website",
        "description",
        "funding_programme",
        "clusters",
        "news_count",
        "news",
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("clusters")

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "news_count": NewsCountField(),
            "news": NewsLinksField("project"),
            "clusters": ClustersField(),
        }

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = ["id", "acronym", "name", "slug", "website", "description", "funding_programme"]
        fields += ["type", "detail_url"]
        if not db_fields_only:
            fields += ["clusters", "news_count", "news"]
        return fields


class ClustersField(Field):
    def to_representation(self, manager):
        return [{"name": c.name, "slug": c.slug, "website": c.website} for c in manager.all()]
