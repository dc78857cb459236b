"""From a feed request's parameters to a feed document: read path, representation, builder.

Nothing here knows about HTTP: the view turns a `FeedDocument` into a response.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.conf import settings as django_settings
from django.db.models import Q
from django.http import Http404

from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import SiteSettings
from news.filter_names import filter_names, titled
from news.filters import NewsFilters
from news.models import NewsPage
from news.references import References
from news.renditions import FEED_LOGO_RENDITIONS, FEED_SPECS
from news.snippets import Category, PartnerProject, funding_statement

from .builders import BUILDERS, Enclosure, FeedCategory, FeedEntry, FeedMeta
from .links import (
    FORMATS,
    category_scheme,
    events_feed_set,
    feed_links_for,
    feed_path,
    network_feed_set,
    query_string,
    site_feed_links,
)

# The updated time of a feed with no entries: fixed, so empty feeds render identically.
EMPTY_FEED_UPDATED = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedDocument:
    body: bytes
    content_type: str
    updated: datetime


def scope_name(*, site: Site, kind: str | None, slug: str | None) -> str:
    """The name of a category, project or tag feed; 404 for one readers cannot reach.

    A tag exists for readers only while a publishable story of this site carries it, so
    a tag used only by drafts or private pages answers exactly like an unknown one.
    """
    if kind is None:
        return ""
    if kind == "category":
        obj = Category.objects.filter(slug=slug).first()
    elif kind == "project":
        obj = PartnerProject.objects.filter(slug=slug).first()
    else:
        obj = NewsPage.objects.publishable(site=site).used_tags().filter(slug=slug).first()
    if obj is None:
        raise Http404(f"No {kind} '{slug}'.")
    return getattr(obj, "acronym", None) or obj.name


def news_feed(
    *, site: Site, fmt: str, kind: str | None, slug: str | None, filters: NewsFilters
) -> FeedDocument:
    """A news feed: the site's, a category's, tag's or project's (`kind` and `slug`, from
    its path), narrowed by any filters given as parameters. Its title names every filter
    ("Updates — PASSENGER") and its self link is the address it was read at."""
    name = scope_name(site=site, kind=kind, slug=slug)
    path = feed_path(fmt, kind, slug) + query_string(filters)
    if kind is not None:
        filters = replace(filters, **{kind: slug})
    settings = SiteSettings.for_site(site)
    pages = list(
        NewsPage.objects.publishable(site=site).filtered(filters)[: settings.feed_item_count]
    )
    refs = References.for_pages(pages, base_url=site.root_url, specs=FEED_SPECS)
    entries = tuple(story_entry(page, refs) for page in pages)
    names = filter_names(filters, site=site, known={kind: name} if kind else None)
    meta = feed_meta(
        settings,
        refs,
        path=path,
        title=titled(settings.feed_title, filters, names),
        description=settings.feed_description,
        home_url=listing_url(entries, base_url=site.root_url, filters=filters),
        entries=entries,
    )
    return FeedDocument(BUILDERS[fmt](meta), content_type_for(fmt), meta.updated)


def feed_meta(
    settings: SiteSettings,
    refs: References,
    *,
    path: str,
    title: str,
    description: str,
    home_url: str,
    entries: tuple[FeedEntry, ...],
) -> FeedMeta:
    """What every feed of a site says about itself, from its settings."""
    logo_url, icon_url = feed_logo_urls(settings, refs)
    return FeedMeta(
        id=refs.absolute(path),
        title=title,
        description=description,
        self_url=refs.absolute(path),
        home_url=home_url,
        language=settings.feed_language,
        author=settings.feed_author or settings.organisation,
        rights=settings.feed_copyright,
        updated=max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED),
        logo_url=logo_url,
        icon_url=icon_url,
        hub_url=django_settings.WEBSUB_HUB_URL,
        entries=entries,
    )


def feed_logo_urls(settings: SiteSettings, refs: References) -> tuple[str, str]:
    """The feed's logo and icon: renditions made when the settings were saved
    (home.signals), never the original upload; empty until they exist."""
    if not settings.feed_logo_id:
        return "", ""
    specs = FEED_LOGO_RENDITIONS
    found = dict(
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id=settings.feed_logo_id, filter_spec__in=specs.values())
        .values_list("filter_spec", "file")
    )
    return tuple(  # type: ignore[return-value]
        refs.media_url(found[spec]) if spec in found else "" for spec in specs.values()
    )


def listing_url(entries, *, base_url: str, filters: NewsFilters | None = None) -> str:
    """The HTML listing a feed mirrors: the index page (whose URL is its children's
    parent), filtered as the feed is.

    Derived from the entries (stories live only directly under their index) to save a
    query on every cold render; an empty feed points at the home page.
    """
    if not entries:
        return base_url + "/"
    index_url = entries[0].url.rstrip("/").rsplit("/", 1)[0] + "/"
    return index_url + (query_string(filters) if filters else "")


def story_entry(page, refs: References, *, lead_html: str = "") -> FeedEntry:
    """A news story or an event as a feed entry; `lead_html` (an event's facts, already
    escaped) comes before the body."""
    published = _published(page)
    schemes = {kind: category_scheme(kind, base_url=refs.base_url) for kind in FEED_KINDS}
    classified = page.classification
    categories = [FeedCategory(c.slug, c.name, schemes["category"]) for c in classified.categories]
    categories += [FeedCategory(t.slug, t.name, schemes["tag"]) for t in classified.tags]
    categories += [FeedCategory(p.slug, p.acronym, schemes["project"]) for p in classified.projects]
    body = page.body.stream_block
    return FeedEntry(
        id=page.feed_id,
        title=page.title,
        url=refs.full_url(page),
        published=published,
        updated=page.last_published_at or published,
        summary=page.summary,
        content_html=lead_html + body.feed_html(page.represent_body(refs)),
        categories=tuple(categories),
        image=_enclosure(page, refs),
        rights=funding_statement(classified.projects),
    )


def _published(page) -> datetime:
    """The story's one publication moment (news.publication); a preview of a story never
    published is dated by its latest revision."""
    return page.published or page.latest_revision_created_at or EMPTY_FEED_UPDATED


def _enclosure(page, refs: References) -> Enclosure | None:
    enclosure = refs.enclosure(page.hero_image_id)
    return Enclosure(**enclosure) if enclosure else None


FEED_KINDS = ("category", "tag", "project")


def content_type_for(fmt: str) -> str:
    return f"{FORMATS[fmt]['mime_type']}; charset=utf-8"


def feed_catalogue(site: Site) -> list[dict]:
    """Every feed of the site, grouped for the feed index and OPML.

    Only categories, projects and tags that a publishable story of this site uses are
    listed: a draft's or private story's classification is never named.
    """
    base_url = site.root_url
    visible = NewsPage.objects.publishable(site=site)
    visible_ids = visible.values("pk")
    categories = Category.objects.filter(news_pages__in=visible_ids).distinct()
    projects = PartnerProject.objects.filter(news_pages__in=visible_ids).distinct()
    river_projects = PartnerProject.objects.filter(
        Q(pk__in=projects.values("pk")) | Q(feed_sources__items__hidden=False)
    ).distinct()
    return [
        {"name": "All updates", "feeds": [site_feed_links(base_url=base_url)]},
        {"name": "Events", "feeds": [events_feed_set(base_url=base_url)]},
        {
            "name": "News from the network (the hub's and its partners')",
            "feeds": [
                network_feed_set(base_url=base_url),
                *(network_feed_set(base_url=base_url, project=p) for p in river_projects),
            ],
        },
        {
            "name": "By category",
            "feeds": [feed_links_for("category", c, base_url=base_url) for c in categories],
        },
        {
            "name": "By partner project",
            "feeds": [feed_links_for("project", p, base_url=base_url) for p in projects],
        },
        {
            "name": "By tag",
            "feeds": [feed_links_for("tag", t, base_url=base_url) for t in visible.used_tags()],
        },
    ]
