"""`/api/v2/network/`: the river (the hub's stories and partner items), newest first.

Each entry names its source and keeps the original URL and id, so a frontend can credit
partners and link out. Filters are the news filters that apply to both kinds.
"""

from django.conf import settings
from django.urls import path
from django.utils.cache import patch_cache_control

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Site

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from home.models import SiteSettings
from network.models import NetworkItem
from network.river import FILTER_PARAMETERS, MAX_OFFSET, RiverEntry, river, river_count
from news.filters import FilterError, NewsFilters

from .guards import AlwaysJSON, page_links, strict_int

PARAMETERS = FILTER_PARAMETERS | {"limit", "offset"}


class NetworkAPIViewSet(ViewSet):
    model = NetworkItem  # Wagtail's router finds endpoints by model
    authentication_classes = []
    content_negotiation_class = AlwaysJSON
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing"}), name="listing")]

    def listing(self, request):
        unknown = sorted(set(request.GET) - PARAMETERS)
        if unknown:
            raise BadRequestError(
                f"{unknown[0][:50]}: not a parameter here; use {', '.join(sorted(PARAMETERS))}"
            )
        try:
            filters = NewsFilters.from_query(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        limit = strict_int(request, "limit", 20, minimum=1, maximum=limit_max)
        offset = strict_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
        site = Site.find_for_request(request)
        if site is None:
            meta = {"total_count": 0, **page_links(request, offset=offset, limit=limit, total=0)}
            return Response({"meta": meta, "items": []})
        organisation = SiteSettings.for_site(site).organisation
        entries = river(site, filters, limit=limit, offset=offset, hub_name=organisation).entries
        total = river_count(site, filters)
        body = {
            "meta": {
                "total_count": total,
                **page_links(request, offset=offset, limit=limit, total=total),
            },
            "items": [represent(entry) for entry in entries],
        }
        response = Response(body)
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        return super().handle_exception(exc)


def _project(project) -> dict:
    return {"acronym": project.acronym, "name": project.name, "slug": project.slug}


def represent(entry: RiverEntry) -> dict:
    """The river entry as JSON: the same fields for both kinds (network.river)."""
    return {
        "type": entry.kind,
        "id": entry.id,
        "page_id": entry.story.pk if entry.story else None,
        "title": entry.title,
        "url": entry.url,
        "summary": entry.summary,
        "published": entry.published.isoformat(),
        "updated": entry.updated.isoformat(),
        "source": {
            "name": entry.source.name,
            "url": entry.source.home_url or None,
            "feed_url": entry.source.feed_url or None,
        },
        "projects": [_project(p) for p in entry.projects],
        "categories": list(entry.categories),
    }
