"""The river as feeds: the hub's own stories and partner items, newest first.

A partner item keeps its original link and id and names its source, so aggregators
downstream can credit and deduplicate it.
"""

from dataclasses import replace

from django.http import Http404
from django.utils.text import slugify

from wagtail.models import Site

from home.models import SiteSettings
from network.models import NetworkItem
from network.river import river
from news.filters import NewsFilters
from news.references import References
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
    entries_in_order = river(site, filters, limit=settings.feed_item_count, bodies=True)
    pages = [entry.story for entry in entries_in_order if entry.story is not None]
    refs = References.for_pages(pages, base_url=site.root_url)
    entries = tuple(
        story_entry(entry.story, refs) if entry.story else item_entry(entry.item)
        for entry in entries_in_order
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


def item_entry(item: NetworkItem) -> FeedEntry:
    source = item.source
    return FeedEntry(
        id=item.original_id,
        title=item.title,
        url=item.link,
        published=item.published_at,
        updated=max(item.updated_at, item.published_at),
        summary=item.summary,
        content_html=item.content or item.summary,
        categories=tuple(FeedCategory(slugify(c) or c, c, "") for c in item.categories),
        source=EntrySource(
            title=source.name,
            feed_url=source.url,
            home_url=source.project.website or source.url,
        ),
    )
