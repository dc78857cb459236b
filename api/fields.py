"""API fields that link content to the documents built from it (feeds, listings)."""

from django.urls import NoReverseMatch, reverse

from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer

from rest_framework.fields import Field

from feeds.links import calendar_link, event_calendar_path, feed_links_for, feed_links_for_page
from news.references import site_root_url
from news.sanitize import safe_web_url
from news.serializers import references_for


class BatchHtmlUrlField(PageHtmlUrlField):
    """`meta.html_url` from the batch's references (one site lookup for the whole page)."""

    def to_representation(self, page):
        try:
            return references_for(self, page).full_url(page)
        except NoReverseMatch:
            return None


class BatchPageSerializer(PageSerializer):
    html_url = BatchHtmlUrlField(read_only=True)


class PageFeedsField(Field):
    """Every feed a story appears in: the site's and its categories', tags' and projects'."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return feed_links_for_page(page, base_url=references_for(self, page).base_url)


class NewsLinksField(Field):
    """Where to read a category's or project's news: the API listing and its feeds."""

    def __init__(self, param: str, **kwargs):
        self.param = param
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        base_url = site_root_url(request=self.context["request"])
        listing = reverse("wagtailapi_v2:pages:listing")
        return {
            "api": f"{base_url}{listing}?type=news.NewsPage&{self.param}={obj.slug}",
            "feeds": feed_links_for(self.param, obj, base_url=base_url),
        }


class NewsCountField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, obj):
        return obj.news_count


class ClustersField(Field):
    def to_representation(self, manager):
        return [
            {"name": c.name, "slug": c.slug, "website": safe_web_url(c.website)}
            for c in manager.all()
        ]


class WebsiteField(Field):
    """A stored website, whatever arrived by import or shell: http or https, or ''."""

    def to_representation(self, value):
        return safe_web_url(value)


class EventCalendarField(Field):
    """The event's own calendar: to download (`url`) or subscribe to (`webcal`)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, event):
        base_url = references_for(self, event).base_url
        return calendar_link(event.title, event_calendar_path(event.slug), base_url=base_url)
