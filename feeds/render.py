"""From a feed request's parameters to rendered bytes: selector, references, builder."""

import mimetypes
from dataclasses import replace
from datetime import UTC, datetime, time

from django.http import Http404
from django.utils import timezone

from wagtail.models import Site

from taggit.models import Tag

from home.models import SiteSettings
from news.filters import NewsFilters
from news.references import BodyReferences
from news.scheduling import publish_due_news
from news.selectors import news_pages
from news.snippets import Category, PartnerProject

from .builders import BUILDERS, Enclosure, FeedCategory, FeedEntry, FeedMeta
from .cache import RenderedFeed, etag_for
from .content import body_html
from .links import FORMATS, category_scheme, feed_path

# The updated time of a feed with no entries: fixed, so empty feeds render identically.
EMPTY_FEED_UPDATED = datetime(2020, 1, 1, tzinfo=UTC)
KIND_MODELS = {"category": Category, "project": PartnerProject, "tag": Tag}


def render_feed(
    *,
    site: Site,
    fmt: str,
    kind: str | None,
    slug: str | None,
    filters: NewsFilters,
    cache_seconds: int,
) -> RenderedFeed:
    now = timezone.now()
    next_go_live = publish_due_news(now)
    scope_name = ""
    if kind is not None:
        obj = KIND_MODELS[kind].objects.filter(slug=slug).first()
        if obj is None:
            raise Http404(f"No {kind} '{slug}'.")
        scope_name = getattr(obj, "acronym", None) or obj.name
        filters = replace(filters, **{kind: slug})
    settings = SiteSettings.objects.select_related("feed_logo").filter(site=site).first()
    if settings is None:
        settings = SiteSettings(site=site)
    pages = list(news_pages(site=site, filters=filters, now=now)[: settings.feed_item_count])
    base_url = site.root_url
    references = BodyReferences(pages, base_url=base_url)
    entries = tuple(_entry(page, references, base_url) for page in pages)

    home_url = _listing_url(entries, base_url=base_url, kind=kind, slug=slug)
    logo_url = references.absolute(settings.feed_logo.file.url) if settings.feed_logo else ""
    meta = FeedMeta(
        id=references.absolute(feed_path(fmt, kind, slug)),
        title=f"{settings.feed_title} – {scope_name}" if scope_name else settings.feed_title,
        description=settings.feed_description,
        self_url=references.absolute(feed_path(fmt, kind, slug)),
        home_url=home_url,
        language=settings.feed_language,
        author=settings.feed_author or settings.organisation,
        rights=settings.feed_copyright,
        updated=max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED),
        logo_url=logo_url,
        icon_url=logo_url,
        entries=entries,
    )
    body = BUILDERS[fmt](meta)
    upcoming = [t for t in [next_go_live, *(p.expire_at for p in pages)] if t and t > now]
    valid_until = min([now.timestamp() + cache_seconds, *(t.timestamp() for t in upcoming)])
    return RenderedFeed(
        body=body,
        etag=etag_for(body),
        last_modified=meta.updated.timestamp(),
        valid_until=valid_until,
    )


def _listing_url(entries, *, base_url: str, kind: str | None, slug: str | None) -> str:
    """The HTML listing a feed mirrors: the news index, whose URL is its children's parent.

    Derived from the entries (news pages live only directly under a news index) to save a
    query on every cold render; an empty feed points at the home page.
    """
    if not entries:
        return base_url + "/"
    index_url = entries[0].url.rstrip("/").rsplit("/", 1)[0] + "/"
    return f"{index_url}?{kind}={slug}" if kind else index_url


def _entry(page, references: BodyReferences, base_url: str) -> FeedEntry:
    published = page.first_published_at or timezone.make_aware(datetime.combine(page.date, time(9)))
    schemes = {kind: category_scheme(kind, base_url=base_url) for kind in KIND_MODELS}
    categories = [FeedCategory(c.slug, c.name, schemes["category"]) for c in page.categories.all()]
    categories += [
        FeedCategory(i.tag.slug, i.tag.name, schemes["tag"]) for i in page.tagged_items.all()
    ]
    categories += [FeedCategory(p.slug, p.acronym, schemes["project"]) for p in page.projects.all()]
    return FeedEntry(
        id=page.feed_id,
        title=page.title,
        url=page.get_full_url(),
        published=published,
        updated=page.last_published_at or published,
        summary=page.summary,
        content_html=body_html(references.body(page), base_url=base_url),
        categories=tuple(categories),
        image=_enclosure(page, references),
    )


def _enclosure(page, references: BodyReferences) -> Enclosure | None:
    image = references.images.get(page.hero_image_id)
    if image is None:
        return None
    mime_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    return Enclosure(
        url=references.absolute(image.file.url),
        length=image.file_size or 0,
        mime_type=mime_type,
    )


def content_type_for(fmt: str) -> str:
    return f"{FORMATS[fmt]['mime_type']}; charset=utf-8"
