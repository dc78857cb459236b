"""The river as feeds: the hub's own stories and partner items, newest first.

A partner item keeps its original link and id and names its source, so aggregators
downstream can credit and deduplicate it.
"""

import html
from dataclasses import replace

from django.http import Http404
from django.utils.text import slugify

from wagtail.models import Site

from home.models import SiteSettings
from network.river import RiverEntry, river
from news.filters import NewsFilters
from news.snippets import PartnerProject

from .builders import BUILDERS, EntrySource, FeedCategory, FeedEntry
from .documents import FeedDocument, content_type_for, feed_meta, story_entry
from .links import network_feed_path


def network_feed(
    *, site: Site, fmt: str, project: str | None = None, filters: NewsFilters | None = None
) -> FeedDocument:
    filters = filters or NewsFilters()
    name = ""
    if project is not None:
        found = PartnerProject.objects.filter(slug=project).first()
        if found is None:
            raise Http404(f"No project '{project}'.")
        name, filters = found.acronym, replace(filters, project=project)
    settings = SiteSettings.for_site(site)
    river_slice = river(
        site, filters, limit=settings.feed_item_count, bodies=True, hub_name=settings.organisation
    )
    refs = river_slice.refs
    entries = tuple(
        story_entry(entry.story, refs) if entry.story else item_entry(entry)
        for entry in river_slice.entries
    )
    title = f"{settings.organisation} – News from the network" + (f": {name}" if name else "")
    meta = feed_meta(
        settings,
        refs,
        path=network_feed_path(fmt, project),
        title=title,
        description="The network's own news and its partner projects' news, newest first.",
        home_url=refs.absolute("/network/" + (f"?project={project}" if project else "")),
        entries=entries,
    )
    return FeedDocument(BUILDERS[fmt](meta), content_type_for(fmt), meta.updated)


def item_entry(entry: RiverEntry) -> FeedEntry:
    """A partner item: its summary is text, so where it stands in for missing content it
    is escaped; only its sanitised content is HTML."""
    source = entry.source
    return FeedEntry(
        id=entry.id,
        title=entry.title,
        url=entry.url,
        published=entry.published,
        updated=entry.updated,
        summary=entry.summary,
        content_html=entry.content_html or html.escape(entry.summary),
        categories=tuple(FeedCategory(slugify(c) or c, c, "") for c in entry.categories),
        source=EntrySource(
            title=source.name,
            feed_url=source.feed_url,
            home_url=source.home_url,
            updated=source.updated or entry.updated,
        ),
    )
