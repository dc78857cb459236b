"""`/sitemap.xml` on the one visibility rule: no draft, private, expired or aliased page.

A site of up to `SECTION_SIZE` pages has one sitemap; a larger one gets a sitemap index
at the same address, naming its sections (`/sitemap.xml?p=1`, `?p=2`…), so a section
costs the same to build at 1,000 pages as at 100,000, and no file passes the protocol's
50,000 addresses. Pages are read as plain `Page` rows in one query per section (their
URLs need nothing of the specific types).
"""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from news.paging import KeptCount
from news.references import site_root_url
from news.tally import visible_total
from news.visibility import publishable

SECTION_SIZE = 1000
# What a page's address and last change need: nothing else is loaded.
SITEMAP_FIELDS = ("path", "depth", "url_path", "last_published_at", "latest_revision_created_at")


class PublishableSitemap(Sitemap):
    limit = SECTION_SIZE

    def items(self):
        pages = publishable(Page.objects.all(), site=self.get_wagtail_site())
        return pages.order_by("path").only(*SITEMAP_FIELDS)

    @cached_property
    def paginator(self) -> Paginator:
        """Django's, with the site's total from the live-page tally (news.tally), counted
        once for the index and the section."""
        site = self.get_wagtail_site()
        pages = KeptCount(
            self.items(), key=f"sitemap:{site.pk}", count=partial(visible_total, Page, site=site)
        )
        return Paginator(pages, self.limit)


def sitemap_view(request: HttpRequest) -> HttpResponse:
    pages = PublishableSitemap(request)
    sections = pages.paginator.num_pages  # one total, shared with the section's view
    if "p" not in request.GET and sections > 1:
        response = TemplateResponse(
            request, "home/sitemap_index.xml",
            {"sections": [f"{site_root_url(request=request)}/sitemap.xml?p={n}"
                          for n in range(1, sections + 1)]},
            content_type="application/xml; charset=utf-8",
        )  # fmt: skip
    else:
        response = sitemap(request, {"pages": pages})
    response.render()
    patch_cache_control(response, public=True, max_age=settings.FEEDS_CACHE_MAX_AGE)
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read everything public; the admin is not for them; the sitemap is."""
    root = site_root_url(request=request)
    body = f"User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: {root}/sitemap.xml\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
