"""`/api/v2/pages/`: Wagtail's pages endpoint on the one read path, with the news filters.

Listings of news (`type=news.NewsPage`, or any news filter) come from
`NewsPage.objects.publishable(site=…).filtered(…)`; other page listings from the same
visibility rule. The references of a whole result page are loaded once, so query counts
do not grow with `limit`.
"""

import time

from django.core.cache import cache
from django.db.models import Model
from django.utils.functional import SimpleLazyObject

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
)
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, Site

from news.filters import FILTER_PARAMETERS, FilterError, NewsFilters
from news.models import NewsPage
from news.references import References, site_root_url
from news.visibility import publishable

from .content_version import content_valid_until, versioned_key
from .fields import BatchPageSerializer, PageFeedsField
from .guards import GuardedFieldsFilter, PlainWordsSearchFilter, PublicAPIMixin

NEWS_FILTER_PARAMS = FILTER_PARAMETERS - {"search"}
# Parameters that never change which pages a listing counts; every other one does.
NOT_COUNTED_PARAMS = {"limit", "offset", "fields", "order", "rich_text_format"}
NEWS_ORDERINGS = {
    "-date": ("-date", "-published_at", "-pk"),
    "date": ("date", "published_at", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "first_published_at": ("first_published_at", "pk"),
    "-first_published_at": ("-first_published_at", "-pk"),
}


class NewsOrderingFilter(OrderingFilter):
    """News orderings break ties (publication time, then id) so paging is stable."""

    def filter_queryset(self, request, queryset, view):
        if queryset.model is not NewsPage:
            return super().filter_queryset(request, queryset, view)
        order = request.GET.get("order")
        if not order:
            return queryset
        if order not in NEWS_ORDERINGS:
            raise BadRequestError(
                f"order: '{order[:50]}' is not one of {', '.join(NEWS_ORDERINGS)}"
            )
        return queryset.order_by(*NEWS_ORDERINGS[order])


class NewsPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    base_serializer_class = BatchPageSerializer
    filter_backends = [
        GuardedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        NewsOrderingFilter,
        PlainWordsSearchFilter,
    ]
    known_query_parameters = (
        PagesAPIViewSet.known_query_parameters - {"site", "translation_of", "locale"}
    ) | NEWS_FILTER_PARAMS

    @classmethod
    def get_body_fields(cls, model: type[Model]):
        fields = super().get_body_fields(model)
        if issubclass(model, NewsPage):
            fields.append(APIField("feeds", serializer=PageFeedsField()))
        return fields

    def site(self) -> Site | None:
        return Site.find_for_request(self.request)

    def get_base_queryset(self):
        site = self.site()
        return publishable(Page.objects.all(), site=site) if site else Page.objects.none()

    def get_queryset(self):
        models = self._requested_models()
        news_params = NEWS_FILTER_PARAMS & set(self.request.GET)
        if models == [NewsPage] or (news_params and not models):
            return self._news_queryset()
        if news_params:
            raise BadRequestError(f"{sorted(news_params)[0]}: only applies to type=news.NewsPage")
        return super().get_queryset()

    def get_serializer_class(self):
        """As Wagtail's, but the listing's model comes from `type`, not from building the
        whole queryset a second time."""
        if self.action != "listing_view":
            return super().get_serializer_class()
        models = self._requested_models()
        news_params = NEWS_FILTER_PARAMS & set(self.request.GET)
        model = models[0] if len(models) == 1 else NewsPage if news_params else Page
        try:
            fields = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from error
        return self._get_serializer_class(self.request.wagtailapi_router, model, fields)

    def _requested_models(self) -> list:
        try:
            models_type = self.request.GET.get("type")
            return list((models_type and page_models_from_string(models_type)) or [])
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error

    def _news_queryset(self):
        """The news read path; `search` is applied by PlainWordsSearchFilter like elsewhere."""
        query = {k: v for k, v in self.request.GET.items() if k in NEWS_FILTER_PARAMS}
        try:
            filters = NewsFilters.from_query(query)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        site = self.site()
        if site is None:
            return NewsPage.objects.none()
        return NewsPage.objects.publishable(site=site).filtered(filters).select_related("locale")

    def get_object(self):
        """A news page through the read path (classification prefetched), else any page."""
        site = self.site()
        if site is not None:
            news = NewsPage.objects.publishable(site=site).filter(pk=self.kwargs["pk"])
            page = news.select_related("locale").first()
            if page is not None:
                return page
        return super().get_object()

    def count(self, queryset) -> int:
        """The news listing's total, counted once per content version and filter set.

        COUNT(*) reads every matching row, the one cost that grows with the archive; it
        changes only when content changes or a schedule fires, not from page to page.
        """
        if queryset.model is not NewsPage:
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
            cache.set(key, total, max(1, int(content_valid_until() - time.time())))
        return total

    def get_serializer_context(self):
        """Wagtail's context, with its base queryset built only if a field asks for it
        (only `parent`, on detail views, does) and the batch's references."""
        return {
            "request": self.request,
            "view": self,
            "router": self.request.wagtailapi_router,
            "_wagtail_rich_text_format": self.resolve_rich_text_format(),
            "base_queryset": SimpleLazyObject(self.get_base_queryset),
        }

    def get_serializer(self, instance=None, *args, **kwargs):
        many = kwargs.get("many", False)
        pages = list(instance) if many else [instance]
        context = self.get_serializer_context()
        context["references"] = References.for_pages(
            [page for page in pages if hasattr(page, "collect_references")],
            base_url=site_root_url(request=self.request),
        )
        serializer_class = self.get_serializer_class()
        return serializer_class(pages if many else instance, *args, context=context, **kwargs)
