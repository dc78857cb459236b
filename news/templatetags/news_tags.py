"""Template helpers for the reference pages: structured data and embeds with a fallback."""

from django import template
from django.utils.safestring import SafeString

from ..embeds import Player, cached_player
from ..jsonld import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, page, hero=None) -> SafeString:
    """schema.org NewsArticle for search engines, escaped so content cannot close the tag."""
    settings = context["settings"]["home"]["SiteSettings"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": (page.published or page.date).isoformat(),
        "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
        if (page.last_published_at or page.latest_revision_created_at)
        else page.date.isoformat(),
        "mainEntityOfPage": page.get_full_url(),
        "url": page.get_full_url(),
        "publisher": {"@type": "Organization", "name": settings.organisation},
        "author": {"@type": "Organization", "name": settings.feed_author},
        "keywords": [tag.name for tag in page.classification.tags],
        "about": [project.acronym for project in page.classification.projects],
    }
    if hero:
        data["image"] = [hero["renditions"]["og"]["url"]]
    return json_ld_script(data)


# Where a page's players come from; the CSP middleware allows these frames on it.
FRAME_ORIGINS_ATTRIBUTE = "embed_frame_origins"


@register.simple_tag(takes_context=True)
def embed_player(context, url: str) -> Player | None:
    """The cached player for `url` (None: show the link), its origin noted on the request
    so the page's Content-Security-Policy allows exactly that provider's frame."""
    player = cached_player(url)
    request = context.get("request")
    if player and request is not None:
        origins = getattr(request, FRAME_ORIGINS_ATTRIBUTE, set())
        origins.add(player.origin)
        setattr(request, FRAME_ORIGINS_ATTRIBUTE, origins)
    return player
