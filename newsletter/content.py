"""What a digest holds and how it reads: the stories and events first published in a
window that match a subscriber's topics, rendered once for everyone who shares the topics
and the window (personal links are filled in when sending)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from wagtail.models import Site

from events.models import EventPage
from events.when import describe
from home.models import SiteSettings
from news.cards import news_cards
from news.models import NewsPage

from .mail import MANAGE_URL, UNSUBSCRIBE_URL, Rendered, render_mail
from .models import NewsletterSettings
from .topics import Topics

# A digest is a summary: beyond this many items it links to the site for the rest.
MAX_ITEMS = 30


@dataclass(frozen=True)
class Window:
    """Stories published (news.publication) after `since` (exclusive) up to `until`
    (inclusive): an imported or backdated story dated before a reader's last digest is
    not mailed as news."""

    since: datetime | None
    until: datetime


def _about(queryset, topics: Topics):
    if topics.all_news:
        return queryset
    about = Q(categories__slug__in=topics.categories) | Q(projects__slug__in=topics.projects)
    return queryset.filter(pk__in=queryset.model.objects.filter(about).values("pk"))


def _in(queryset, window: Window):
    return queryset.published_between(window.since, window.until)


def digest_items(topics: Topics, window: Window, *, site: Site) -> dict:
    """{"news": cards, "events": cards} for the window and topics; events only while
    they are still to come."""
    news = _about(_in(NewsPage.objects.publishable(site=site).without_bodies(), window), topics)
    events = _about(
        _in(EventPage.objects.publishable(site=site).without_bodies(), window), topics
    ).upcoming()
    base_url = site.root_url
    news_list = list(news[:MAX_ITEMS])
    event_list = list(events[: max(0, MAX_ITEMS - len(news_list))])
    return {
        "news": news_cards(news_list, base_url=base_url),
        "events": [
            {**card, "when": describe(card["page"])}
            for card in news_cards(event_list, base_url=base_url)
        ],
    }


class DigestBuilder:
    """The digests of one sending: for each set of topics, the candidate items are loaded
    once (from the earliest window any reader has); each reader gets those newer than
    their own window, and readers who get the same items share one rendering."""

    def __init__(self, *, site: Site, until: datetime, earliest: datetime | None):
        self.site, self.until, self.earliest = site, until, earliest
        self._candidates: dict[Topics, dict] = {}
        self._renderings: dict[tuple, tuple[Rendered, tuple[int, ...]]] = {}
        self._context: dict | None = None

    @property
    def renderings(self) -> int:
        return len(self._renderings)

    def digest_for(
        self, topics: Topics, since: datetime | None
    ) -> tuple[Rendered, tuple[int, ...]] | None:
        """The shared rendering for a reader of `topics` whose window starts at `since`,
        and the pages it carries; None when nothing is new for them."""
        if topics not in self._candidates:
            window = Window(since=self.earliest, until=self.until)
            self._candidates[topics] = digest_items(topics, window, site=self.site)
        items = {
            kind: [c for c in cards if since is None or c["page"].published > since]
            for kind, cards in self._candidates[topics].items()
        }
        ids = tuple(card["page"].pk for cards in items.values() for card in cards)
        if not ids:
            return None
        key = (topics, ids)
        if key not in self._renderings:
            self._renderings[key] = (self._render(topics, items), ids)
        return self._renderings[key]

    def _render(self, topics: Topics, items: dict) -> Rendered:
        if self._context is None:
            organisation = SiteSettings.for_site(self.site).organisation
            self._context = {
                "organisation": organisation,
                "site_url": self.site.root_url + "/",
                "postal_address": NewsletterSettings.load().postal_address,
                "manage_url": MANAGE_URL,
                "unsubscribe_url": UNSUBSCRIBE_URL,
                "date": date_format(timezone.localtime(self.until), "j F Y"),
            }
        context = {**self._context, **items, "topics": topics}
        subject = f"{context['organisation']}: news of {context['date']}"
        return render_mail("digest", context, subject)


def render_digest(
    topics: Topics, window: Window, *, site: Site
) -> tuple[Rendered, tuple[int, ...]] | None:
    """One reader's digest (the admin's preview, the command's dry run)."""
    builder = DigestBuilder(site=site, until=window.until, earliest=window.since)
    return builder.digest_for(topics, window.since)
