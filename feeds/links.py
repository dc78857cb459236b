"""Feed and calendar URLs: one place that knows the URL scheme, for pages, the API and
OPML."""

from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse

from news.filters import NewsFilters

# Each format: its media type, its version (in titles) and the name people know it by.
FORMATS = {
    "rss": {"mime_type": "application/rss+xml", "label": "RSS 2.0", "name": "RSS"},
    "atom": {"mime_type": "application/atom+xml", "label": "Atom 1.0", "name": "Atom"},
    "json": {"mime_type": "application/feed+json", "label": "JSON Feed 1.1", "name": "JSON Feed"},
}
# The filter parameter a feed kind stands for, and its URL name.
KINDS = {"category": "feeds:category", "tag": "feeds:tag", "project": "feeds:project"}


_SLUG_PLACEHOLDER = "slug-placeholder"


@lru_cache(maxsize=16)
def _path_template(fmt: str, kind: str | None) -> str:
    if kind is None:
        return reverse("feeds:site", kwargs={"fmt": fmt})
    return reverse(KINDS[kind], kwargs={"slug": _SLUG_PLACEHOLDER, "fmt": fmt})


def feed_path(fmt: str, kind: str | None = None, slug: str | None = None) -> str:
    """The absolute path of a feed (it starts with /); reversed once per kind and format."""
    template = _path_template(fmt, kind)
    return template if kind is None else template.replace(_SLUG_PLACEHOLDER, slug)


def query_string(filters: NewsFilters) -> str:
    """`?…` for filters given as parameters (in one order, so one feed has one URL)."""
    query = filters.as_query()
    return "?" + urlencode(sorted(query.items())) if query else ""


def filtered_feed_path(fmt: str, filters: NewsFilters) -> str:
    """The feed that follows a filtered listing: a category's, tag's or project's own feed
    when that is the only filter (the address OPML and story pages give), else the site's
    feed with the filters as parameters."""
    query = filters.as_query()
    if len(query) == 1 and (kind := next(iter(query))) in KINDS:
        return feed_path(fmt, kind, query[kind])
    return feed_path(fmt) + query_string(filters)


def filtered_feed_set(title: str, *, base_url: str, filters: NewsFilters) -> list[dict]:
    """The three formats of the feed that follows a (possibly filtered) listing."""
    return _formats(title, base_url, lambda fmt: filtered_feed_path(fmt, filters))


def category_scheme(kind: str, *, base_url: str) -> str:
    """The scheme URL of feed categories of one kind: the folder its feeds live in."""
    folder = _path_template("rss", kind).rsplit("/", 1)[0] + "/"
    return base_url.rstrip("/") + folder


def feed_set(title: str, *, base_url: str, kind: str | None = None, slug: str | None = None):
    """The three formats of one news feed, as dicts for templates, the API and OPML."""
    return _formats(title, base_url, lambda fmt: feed_path(fmt, kind, slug))


def _formats(title: str, base_url: str, path_of) -> list[dict]:
    base = base_url.rstrip("/")
    return [
        {
            "format": fmt,
            "name": info["name"],
            "mime_type": info["mime_type"],
            "title": f"{title} ({info['label']})",
            "url": base + path_of(fmt),
        }
        for fmt, info in FORMATS.items()
    ]


@lru_cache(maxsize=4)
def events_feed_path(fmt: str) -> str:
    return reverse("feeds:events", kwargs={"fmt": fmt})


def events_feed_set(*, base_url: str, title: str = "Events") -> list[dict]:
    """The three formats of the events feed (one entry per event)."""
    return _formats(title, base_url, events_feed_path)


def network_feed_path(fmt: str, project: str | None = None) -> str:
    if project is None:
        return reverse("feeds:network", kwargs={"fmt": fmt})
    return reverse("feeds:network-project", kwargs={"slug": project, "fmt": fmt})


def network_feed_set(*, base_url: str, project=None) -> list[dict]:
    """The river's three formats, the whole network's or one project's."""
    title = f"News from the network: {project.acronym}" if project else "News from the network"
    slug = project.slug if project else None
    return _formats(title, base_url, lambda fmt: network_feed_path(fmt, slug))


CALENDAR_KINDS = {"category": "calendars:category", "project": "calendars:project"}


def calendar_path(kind: str | None = None, slug: str | None = None) -> str:
    """The path of the site's events calendar, or of one category's or project's."""
    if kind is None:
        return reverse("calendars:all")
    return reverse(CALENDAR_KINDS[kind], kwargs={"slug": slug})


def event_calendar_path(slug: str) -> str:
    return reverse("calendars:event", kwargs={"slug": slug})


def calendar_link(title: str, path: str, *, base_url: str) -> dict:
    """A calendar to download (`url`) or to subscribe to (`webcal`, which calendar apps
    open as a subscription that refreshes itself)."""
    url = base_url.rstrip("/") + path
    return {
        "format": "ics",
        "mime_type": "text/calendar",
        "title": title,
        "url": url,
        "webcal": "webcal://" + url.split("://", 1)[-1],
    }


def site_feed_links(*, base_url: str, title: str = "All updates") -> list[dict]:
    return feed_set(title, base_url=base_url)


def feed_links_for(kind: str, obj, *, base_url: str) -> list[dict]:
    name = getattr(obj, "acronym", None) or obj.name
    return feed_set(f"Updates: {name}", base_url=base_url, kind=kind, slug=obj.slug)


def feed_links_for_page(page, *, base_url: str) -> list[dict]:
    """Every feed a news page appears in: the site's, its categories', tags' and projects'."""
    classified = page.classification
    scopes = [{"scope": "site", "slug": None, "name": "All updates"}]
    scopes += [{"scope": "category", "slug": c.slug, "name": c.name} for c in classified.categories]
    scopes += [{"scope": "project", "slug": p.slug, "name": p.acronym} for p in classified.projects]
    scopes += [{"scope": "tag", "slug": t.slug, "name": t.name} for t in classified.tags]
    base = base_url.rstrip("/")
    for scope in scopes:
        kind = None if scope["scope"] == "site" else scope["scope"]
        scope["urls"] = {fmt: base + feed_path(fmt, kind, scope["slug"]) for fmt in FORMATS}
    return scopes
