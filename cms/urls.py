"""The URL map: admin, API, feeds, sitemap and health, then Wagtail's page serving."""

import re

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from api.openapi_views import api_docs, api_index, openapi_json
from api.router import api_router
from delivery.media import serve_media
from fediverse import urls as fediverse_urls
from home.sitemap import robots_txt, sitemap_view
from news.admin_views import ChooserOpensAtUpdates

from .health import healthz
from .search_page import search_page
from .views import api_not_found

urlpatterns = [
    # Before Wagtail's own: its page chooser, opening at the Updates index.
    path("admin/choose-page/", require_admin_access(ChooserOpensAtUpdates.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_json, name="openapi"),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/v2/", api_index, name="api-index"),
    path("api/v2/", api_router.urls),
    # Any other address under /api/ is a JSON 404, like the API's own (an id that is not
    # a number included): a client reading JSON never gets an HTML page.
    re_path(r"^api/", api_not_found),
    path("feeds/", include("feeds.urls")),
    # Calendars sit beside the events pages; Wagtail serves /events/ and the pages below.
    path("events/", include("feeds.calendar_urls")),
    path("newsletter/", include("newsletter.urls")),
    path("network/", include("network.urls")),
    path("widgets/", include("widgets.urls")),
    path("search/", search_page, name="search"),
    path(".well-known/", include(fediverse_urls.well_known)),
    path("", include(fediverse_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
]

if settings.MEDIA_URL.startswith("/"):
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "cms.views.server_error"
