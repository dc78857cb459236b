"""Template helpers for the reference pages: structured data and embeds with a fallback."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

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
        "datePublished": page.date.isoformat(),
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


@register.simple_tag
def embed_html(url: str) -> str:
    """The provider's player HTML, or '' when the provider cannot be reached (offline)."""
    try:
        embed = embeds.get_embed(url)
    except EmbedException:
        return ""
    return mark_safe(embed.html)  # noqa: S308
