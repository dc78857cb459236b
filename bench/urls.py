"""The site's URLs plus stock baselines: Wagtail's API v2 and Django's syndication feed."""

from django.urls import include, path

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as site_urlpatterns

from .stock_feed import StockNewsFeed

STOCK_NEWS_FIELDS = [
    "date", "summary", "last_published_at", "hero_image", "hero_alt_text", "body",
    "categories", "tags", "projects",
]  # fmt: skip


class StockPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint as shipped, serving the news fields with stock serializers."""

    @classmethod
    def get_body_fields(cls, model):
        fields = cls.body_fields + (STOCK_NEWS_FIELDS if hasattr(model, "summary") else [])
        return cls._convert_api_fields([APIField(name) for name in fields])


stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", StockPagesAPIViewSet)

urlpatterns = [
    path("bench/stock-api/v2/", stock_router.urls),
    path("bench/stock-feed/", StockNewsFeed(), name="stock-feed"),
    path("", include(site_urlpatterns)),
]
