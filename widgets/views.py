"""`/widgets/news.js` at a stable address (partners paste it), and `/widgets/`."""

from functools import lru_cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Site

from news.references import site_root_url
from news.snippets import Category, PartnerProject

WIDGET = Path(__file__).parent / "static" / "widgets" / "news.js"
# Partners' pages pick up a new version within an hour.
WIDGET_MAX_AGE = 3600


@lru_cache(maxsize=1)
def _widget_source() -> bytes:
    return WIDGET.read_bytes()


@require_safe
def news_js(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_widget_source(), content_type="text/javascript; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    patch_cache_control(response, public=True, max_age=WIDGET_MAX_AGE)
    return response


@require_safe
def configure(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    context = {
        "script_url": site_root_url(request=request) + "/widgets/news.js",
        "projects": PartnerProject.objects.order_by("acronym"),
        "categories": Category.objects.order_by("name"),
        "configure_js": static("widgets/configure.js"),
        "site": site,
    }
    return render(request, "widgets/index.html", context)
