"""Feed autodiscovery for listings: a filtered listing advertises its own feeds, the
events listing the events feed.

A template tag rather than a view helper, so the news listing (a lower floor) can name
its feeds without importing this app.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from home.models import SiteSettings
from news.filter_names import titled
from news.filters import NewsFilters
from news.references import site_root_url
from news.snippets import PartnerProject

from ..links import events_feed_set, filtered_feed_set, network_feed_set

register = template.Library()


def _listing_feeds(context, filters: NewsFilters, names: dict) -> list[dict]:
    """The feed that follows a news listing, filtered as it is and titled as the feed
    itself is ("… Updates — PASSENGER")."""
    request = context.get("request")
    title = titled(SiteSettings.for_request(request).feed_title, filters, names)
    return filtered_feed_set(title, base_url=site_root_url(request=request), filters=filters)


@register.simple_tag(takes_context=True)
def listing_feed_links(context, filters: NewsFilters, names: dict) -> SafeString:
    """Autodiscovery of the feed that follows this listing."""
    links = _listing_feeds(context, filters, names)
    return render_to_string("includes/feed_links.html", {"feed_links": links})


@register.inclusion_tag("includes/follow.html", takes_context=True)
def follow_links(context, filters: NewsFilters, names: dict) -> dict:
    """The same feed as visible links, one click from the listing."""
    return {"feeds": _listing_feeds(context, filters, names), "what": "these updates"}


def _events_feeds(context) -> list[dict]:
    return events_feed_set(base_url=site_root_url(request=context.get("request")))


@register.simple_tag(takes_context=True)
def events_feed_links(context) -> SafeString:
    """The events feed's formats, for the events listing's autodiscovery links."""
    return render_to_string("includes/feed_links.html", {"feed_links": _events_feeds(context)})


@register.inclusion_tag("includes/follow.html", takes_context=True)
def follow_events_links(context) -> dict:
    return {"feeds": _events_feeds(context), "what": "events"}


def _network_feeds(context, project_slug: str | None) -> list[dict]:
    """The river's feeds (one project's when the page is filtered to it)."""
    base_url = site_root_url(request=context.get("request"))
    project = PartnerProject.objects.filter(slug=project_slug).first() if project_slug else None
    return network_feed_set(base_url=base_url, project=project)


@register.simple_tag(takes_context=True)
def network_feed_links(context, project_slug: str | None = None) -> SafeString:
    links = _network_feeds(context, project_slug)
    return render_to_string("includes/feed_links.html", {"feed_links": links})


@register.inclusion_tag("includes/follow.html", takes_context=True)
def follow_network_links(context, project_slug: str | None = None) -> dict:
    return {"feeds": _network_feeds(context, project_slug), "what": "this news"}
