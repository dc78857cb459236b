"""Navigation that every reference page needs: where the site's listings live."""

from django.http import HttpRequest

from wagtail.models import Site

from news.models import NewsIndexPage


def navigation(request: HttpRequest) -> dict:
    def news_index_url() -> str:
        site = Site.find_for_request(request)
        if site is None:
            return ""
        index = NewsIndexPage.objects.live().public().in_site(site).first()
        return index.get_url(request) if index else ""

    # Resolved lazily so admin views and the API never pay for the query.
    return {"news_index_url": news_index_url}
