"""`/sitemap.xml` on the one visibility rule: no draft, private, expired or aliased page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from news.references import site_root_url
from news.visibility import publishable


class PublishableSitemap(Sitemap):
    def items(self):
        pages = publishable(Page.objects.all(), site=self.get_wagtail_site())
        return pages.order_by("path").defer_streamfields().specific()


def sitemap_view(request: HttpRequest) -> HttpResponse:
    response = sitemap(request, {"pages": PublishableSitemap})
    response.render()
    patch_cache_control(response, public=True, max_age=settings.FEEDS_CACHE_MAX_AGE)
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read everything public; the admin is not for them; the sitemap is."""
    root = site_root_url(request=request)
    body = f"User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: {root}/sitemap.xml\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
