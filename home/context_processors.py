"""Navigation that every reference page needs: where the site's listings live."""

from functools import cache

from django.http import HttpRequest

from wagtail.models import Page, Site

from events.models import EventIndexPage
from news.models import NewsIndexPage
from news.visibility import publishable

INDEX_TYPES = {"news": NewsIndexPage, "events": EventIndexPage}


def navigation(request: HttpRequest) -> dict:
    @cache
    def index_urls() -> dict[str, str]:
        """Both listings' URLs, in one query the first time a template asks."""
        site = Site.find_for_request(request)
        if site is None:
            return {}
        indexes = publishable(Page.objects.type(*INDEX_TYPES.values()), site=site)
        urls: dict[str, str] = {}
        for page in indexes.order_by("path"):
            for name, model in INDEX_TYPES.items():
                if issubclass(page.specific_class, model):
                    urls.setdefault(name, page.get_url(request))
        return urls

    # Resolved lazily so admin views and the API never pay for the query.
    return {
        "news_index_url": lambda: index_urls().get("news", ""),
        "events_index_url": lambda: index_urls().get("events", ""),
    }
