"""A stock Django syndication feed of the newest 50 news pages, as commonly written."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from news.models import NewsPage


class StockNewsFeed(Feed):
    feed_type = Atom1Feed
    title = "News"
    link = "/"

    def items(self):
        return NewsPage.objects.live().public().order_by("-date")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return str(item.body)  # the StreamField rendered through its block templates

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at
