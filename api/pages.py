"""`/api/v2/pages/`: Wagtail's pages endpoint on the one read path, with story filters.

Listings of news (`type=news.NewsPage`, or any news filter) come from
`NewsPage.objects.publishable(site=…).filtered(…)`, listings of events
(`type=events.EventPage`, or any event-only filter) from `EventPage.objects…` likewise;
other page listings from the same visibility rule. The references of a whole result page
are loaded once, so query counts do not grow with `limit`.
"""

from dataclasses import dataclass
from functools import partial

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

from events.filters import FILTER_PARAMETERS as EVENT_FILTER_PARAMETERS
from events.filters import EventFilters
from events.models import EventPage
from events.querysets import LATEST_FIRST, SOONEST_FIRST
from news.filters import FILTER_PARAMETERS as NEWS_FILTER_PARAMETERS
from news.filters import FilterError, NewsFilters
from news.models import NewsPage
from news.paging import counted
from news.references import References, site_root_url
from news.tally import visible_total
from news.visibility import publishable

from .fields import BatchPageSerializer, EventCalendarField, PageFeedsField
from .guards import GuardedFieldsFilter, PlainWordsSearchFilter, PublicAPIMixin, chooses_renderer

# Parameters that never change which pages a listing counts; every other one does.
NOT_COUNTED_PARAMS = {"limit", "offset", "fields", "order", "rich_text_format"}
BY_TITLE_AND_PUBLICATION = {
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "first_published_at": ("first_published_at", "pk"),
    "-first_published_at": ("-first_published_at", "-pk"),
}


@dataclass(frozen=True)
class ReadPath:
    """A story type the API lists through its own read path: its filter language and its
    orderings (each breaks ties, so paging is stable)."""

    model: type[Page]
    filters: type[NewsFilters] | type[EventFilters]
    parameters: frozenset[str]  # `search` aside: PlainWordsSearchFilter applies it
    orderings: dict[str, tuple[str, ...]]

    @property
    def type_name(self) -> str:
        return f"{self.model._meta.app_label}.{self.model.__name__}"


NEWS = ReadPath(
    NewsPage,
    NewsFilters,
    NEWS_FILTER_PARAMETERS - {"search"},
    {
        "-date": ("-date", "-published_at", "-pk"),
        "date": ("date", "published_at", "pk"),
        **BY_TITLE_AND_PUBLICATION,
    },
)
EVENTS = ReadPath(
    EventPage,
    EventFilters,
    EVENT_FILTER_PARAMETERS,
    {"start": SOONEST_FIRST, "-start": LATEST_FIRST, **BY_TITLE_AND_PUBLICATION},
)
READ_PATHS = {path.model: path for path in (NEWS, EVENTS)}
STORY_PARAMS = NEWS.parameters | EVENTS.parameters


class StoryOrderingFilter(OrderingFilter):
    """A story listing takes its read path's orderings; other listings Wagtail's."""

    def filter_queryset(self, request, queryset, view):
        path = READ_PATHS.get(queryset.model)
        if path is None:
            return super().filter_queryset(request, queryset, view)
        order = request.GET.get("order")
        if not order:
            return queryset
        if order not in path.orderings:
            raise BadRequestError(
                f"order: '{order[:50]}' is not one of {', '.join(path.orderings)}"
            )
        return queryset.order_by(*path.orderings[order])


class NewsPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    base_serializer_class = BatchPageSerializer
    filter_backends = [
        GuardedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        StoryOrderingFilter,
        PlainWordsSearchFilter,
    ]
    known_query_parameters = (
        PagesAPIViewSet.known_query_parameters - {"site", "translation_of", "locale"}
    ) | STORY_PARAMS

    @classmethod
    def get_body_fields(cls, model: type[Model]):
        fields = super().get_body_fields(model)
        if issubclass(model, NewsPage):
            fields.append(APIField("feeds", serializer=PageFeedsField()))
        if issubclass(model, EventPage):
            fields.append(APIField("calendar", serializer=EventCalendarField()))
        return fields

    def site(self) -> Site | None:
        return Site.find_for_request(self.request)

    def get_base_queryset(self):
        site = self.site()
        return publishable(Page.objects.all(), site=site) if site else Page.objects.none()

    def get_queryset(self):
        path = self._read_path()
        if path is None:
            return super().get_queryset()
        return self._story_queryset(path)

    def _read_path(self) -> ReadPath | None:
        """The story type this listing reads: from `type`, or from its filters alone (news
        filters mean news, as before events existed; event-only ones mean events)."""
        models = self._requested_models()
        params = self._story_params()
        if len(models) == 1 and models[0] in READ_PATHS:
            path = READ_PATHS[models[0]]
        elif not models and params:
            path = NEWS if params <= NEWS.parameters else EVENTS
        else:
            path = None
        foreign = sorted(params - path.parameters) if path else sorted(params)
        if foreign:
            takers = [p.type_name for p in READ_PATHS.values() if foreign[0] in p.parameters]
            raise BadRequestError(f"{foreign[0]}: only applies to type={' or '.join(takers)}")
        return path

    def _story_params(self) -> set[str]:
        params = STORY_PARAMS & set(self.request.GET)
        return params - {"format"} if chooses_renderer(self.request) else params

    def get_serializer_class(self):
        """As Wagtail's, but the listing's model comes from `type`, not from building the
        whole queryset a second time."""
        if self.action != "listing_view":
            return super().get_serializer_class()
        models = self._requested_models()
        path = self._read_path()
        model = path.model if path else models[0] if len(models) == 1 else Page
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

    def _story_queryset(self, path: ReadPath):
        """The story type's read path; `search` is applied by PlainWordsSearchFilter like
        elsewhere."""
        query = {k: v for k, v in self.request.GET.items() if k in self._story_params()}
        try:
            filters = path.filters.from_query(query)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        site = self.site()
        if site is None:
            return path.model.objects.none()
        return self._readable(path.model, site).filtered(filters)

    @staticmethod
    def _readable(model: type[Page], site: Site):
        queryset = model.objects.publishable(site=site).select_related("locale")
        return queryset.with_stories(site) if model is EventPage else queryset

    def get_object(self):
        """A story through its read path (classification prefetched), else any page."""
        site = self.site()
        if site is not None:
            for model in READ_PATHS:
                page = self._readable(model, site).filter(pk=self.kwargs["pk"]).first()
                if page is not None:
                    return page
        return super().get_object()

    def count(self, queryset) -> int:
        """A story listing's total, counted once per content version and filter set
        (delivery.counts, as every listing's); a whole type's from the live-page tally."""
        if queryset.model not in READ_PATHS:
            return queryset.count()
        params = sorted(
            (name, value)
            for name, value in self.request.GET.items()
            if name not in NOT_COUNTED_PARAMS
        )
        count = queryset.count
        site = self.site()
        if site is not None and {name for name, _ in params} <= self._not_filtering():
            count = partial(visible_total, queryset.model, site=site)
        return counted(f"api:{self.request.get_host()}:{params!r}", count)

    def _not_filtering(self) -> set[str]:
        """Counted parameters that still leave every page of the type (`format` chooses
        an answer's renderer unless it filters events)."""
        return {"type", "format"} - self._story_params()

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
