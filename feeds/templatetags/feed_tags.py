"""Feed autodiscovery for listings: a filtered listing advertises its own feeds, the
events listing the events feed.

A template tag rather than a view helper, so the news listing (a lower floor) can name
its feeds without importing this app.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from news.filters import NewsFilters
from news.references import site_root_url
from news.snippets import PartnerProject

from ..links import events_feed_set, feed_set, network_feed_set, site_feed_links

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_feed_links(context, filters: NewsFilters) -> SafeString:
    base_url = site_root_url(request=context.get("request"))
    links = [] if filters else site_feed_links(base_url=base_url)
    for kind in ("category", "tag", "project"):
        slug = getattr(filters, kind)
        if slug:
            links += feed_set(f"Updates: {kind} {slug}", base_url=base_url, kind=kind, slug=slug)
    return render_to_string("includes/feed_links.html", {"feed_links": links})


@register.simple_tag(takes_context=True)
def events_feed_links(context) -> SafeString:
    """The events feed's formats, for the events listing's autodiscovery links."""
    base_url = site_root_url(request=context.get("request"))
    links = events_feed_set(base_url=base_url)
    return render_to_string("includes/feed_links.html", {"feed_links": links})


@register.simple_tag(takes_context=True)
def network_feed_links(context, project_slug: str | None = None) -> SafeString:
    """The river's feeds (one project's when the page is filtered to it)."""
    base_url = site_root_url(request=context.get("request"))
    project = PartnerProject.objects.filter(slug=project_slug).first() if project_slug else None
    links = network_feed_set(base_url=base_url, project=project)
    return render_to_string("includes/feed_links.html", {"feed_links": links})
