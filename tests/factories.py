"""Builders for page trees and media, so each test states only what it cares about."""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from PIL import Image as PILImage

from events.models import EventIndexPage, EventPage
from home.models import HomePage
from network.models import FeedSource, NetworkItem
from news.models import NewsIndexPage, NewsPage
from news.snippets import Category, Cluster, PartnerProject

_counter = itertools.count(1)


def ensure_wagtail_roots() -> Page:
    """The locale, root collection and root page Wagtail's migrations create.

    Transactional tests (the browser and live-server ones) flush the database
    afterwards, taking these rows with them; later tests put them back here.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale

    # A flush also took the content types; they come back under new ids, so ids cached
    # from before must not be used (the page's own content type tells).
    cached = ContentType.objects.get_for_model(Page)
    if not ContentType.objects.filter(pk=cached.pk, model="page").exists():
        ContentType.objects.clear_cache()
    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )


def build_site(*, hostname: str = "localhost", port: int = 80, default: bool = True):
    """A home page with a news index under Wagtail's root, served by a Site."""
    root = ensure_wagtail_roots()
    if default:
        Page.objects.filter(depth=2, content_type__model="page").delete()
    n = next(_counter)
    # Live from the start, as published ones (no revision: nothing reads one, and each
    # publish was a third of a typical test's set-up).
    published = {"live": True, "first_published_at": timezone.now()}
    published["last_published_at"] = published["first_published_at"]
    home = root.add_child(instance=HomePage(title=f"Home {n}", slug=f"home-{n}", **published))
    index = home.add_child(instance=NewsIndexPage(title="Updates", slug="updates", **published))
    if default:
        Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=default)
    return home, index


def make_image(
    title: str = "Test image", size: tuple[int, int] = (1200, 800), description: str = ""
) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 90, 160)).save(buffer, format="PNG")
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"test-{next(_counter)}.png"),
    )


def make_private_collection(name: str = "Private", kind: str = "login", password: str = ""):
    """A collection under Wagtail's root with a view restriction of the given kind."""
    from wagtail.models import Collection, CollectionViewRestriction

    ensure_wagtail_roots()
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password=password
    )
    return collection


def in_collection(item, collection):
    item.collection = collection
    item.save()
    return item


def make_document(title: str = "Report") -> Document:
    document = Document(title=title)
    document.file.save(f"report-{next(_counter)}.txt", ContentFile(b"report"), save=False)
    document.save()
    return document


def make_category(name: str = "Research") -> Category:
    return Category.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_project(acronym: str = "PASSENGER", **fields) -> PartnerProject:
    project = PartnerProject.objects.create(
        acronym=acronym,
        name=fields.pop("name", f"{acronym} project"),
        slug=fields.pop("slug", acronym.lower()),
        website=fields.pop("website", f"https://{acronym.lower()}.example.org/"),
        **fields,
    )
    return project


def make_cluster(name: str = "CRMs4EU") -> Cluster:
    return Cluster.objects.create(name=name, slug=name.lower())


def make_news(
    index: NewsIndexPage,
    *,
    title: str | None = None,
    publish: bool = True,
    date: datetime.date | None = None,
    body: list | None = None,
    categories=(),
    projects=(),
    tags=(),
    **fields,
) -> NewsPage:
    n = next(_counter)
    page = NewsPage(
        title=title or f"News {n}",
        slug=fields.pop("slug", f"news-{n}"),
        date=date or timezone.localdate(),
        summary=fields.pop("summary", f"Summary of story {n}."),
        body=body or [{"type": "paragraph", "value": f"<p>Body of story {n}.</p>"}],
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    page.categories.set(categories)
    page.projects.set(projects)
    page.tags.set(list(tags))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def every_block_body(*, image: Image, document: Document, link_to: Page) -> list[dict]:
    """A body using each block type once, with an internal link and a list in rich text."""
    return [
        {"type": "heading", "value": {"text": "A section", "level": "h2"}},
        {
            "type": "paragraph",
            "value": f'<p>Some <b>bold</b> and <i>italic</i> text with <a linktype="page" '
            f'id="{link_to.pk}">an internal link</a>.</p><ul><li>first</li><li>second</li></ul>',
        },
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "A blue square",
                "caption": "Cap",
                "credit": "Me",
            },
        },
        {"type": "quote", "value": {"text": "Quoted words", "attribution": "Someone"}},
        {
            "type": "embed",
            "value": {"url": "https://www.youtube.com/watch?v=abc", "title": "Video"},
        },
        {"type": "call_to_action", "value": {"label": "Go", "page": link_to.pk, "url": ""}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ]


def make_private(page: Page, kind: str = "password") -> None:
    """Put a view restriction on `page` (and so on everything below it)."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="secret" if kind == "password" else "",
    )
    if kind == "groups":
        from django.contrib.auth.models import Group

        restriction.groups.add(Group.objects.get_or_create(name="Partners")[0])


def make_hidden_pages(index: NewsIndexPage | EventIndexPage) -> dict[str, Page]:
    """One story (news or event, after the index) per way it can be unpublishable, keyed
    by that way; each title starts with "Hidden"."""
    from datetime import timedelta

    is_events = isinstance(index, EventIndexPage)
    make = make_event if is_events else make_news
    now = timezone.now()
    pages = {
        "draft": make(index, title="Hidden draft", publish=False),
        "password": make(index, title="Hidden password"),
        "login": make(index, title="Hidden login"),
        "groups": make(index, title="Hidden groups"),
        "expired": make(index, title="Hidden expired"),
        "scheduled": make(index, title="Hidden scheduled", publish=False),
    }
    for kind in ("password", "login", "groups"):
        make_private(pages[kind], kind)
    # Expired but still live=True: publish_scheduled has not run yet.
    Page.objects.filter(pk=pages["expired"].pk).update(expire_at=now - timedelta(minutes=1))
    scheduled = pages["scheduled"]
    scheduled.go_live_at = now + timedelta(days=1)
    scheduled.save_revision().publish()
    source = make(index, title="Alias source")
    pages["alias"] = source.create_alias(update_slug="alias-copy")
    other_home, other_news_index = build_site(hostname="other.example.org", default=False)
    other_index = make_events_index(other_home) if is_events else other_news_index
    pages["other-site"] = make(other_index, title="Hidden other site")
    for page in pages.values():
        page.refresh_from_db()
    return pages


def make_events_index(home: HomePage) -> EventIndexPage:
    index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    index.save_revision().publish()
    return index


# An hour in the morning, in Brussels, a week from now: what an event is unless a test says.
EVENT_DEFAULTS = {
    "start_time": datetime.time(10, 0),
    "end_time": datetime.time(11, 0),
    "time_zone": "Europe/Brussels",
    "format": "in-person",
    "venue_name": "Fondation Universitaire",
    "venue_address": "Rue d'Egmont 11",
    "venue_city": "Brussels",
    "venue_country": "Belgium",
}


def make_event(
    index: EventIndexPage,
    *,
    title: str | None = None,
    publish: bool = True,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    categories=(),
    projects=(),
    tags=(),
    **fields,
) -> EventPage:
    n = next(_counter)
    start_date = start_date or timezone.localdate() + datetime.timedelta(days=7)
    values = {**EVENT_DEFAULTS, **fields}
    if values.get("all_day"):
        values["start_time"] = values["end_time"] = None
    page = EventPage(
        title=title or f"Event {n}",
        slug=values.pop("slug", f"event-{n}"),
        summary=values.pop("summary", f"Summary of event {n}."),
        start_date=start_date,
        end_date=end_date or start_date,
        live=publish,
        **values,
    )
    index.add_child(instance=page)
    page.categories.set(categories)
    page.projects.set(projects)
    page.tags.set(list(tags))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_network_item(
    source: FeedSource, title: str, published: datetime.datetime, **fields
) -> NetworkItem:
    """A partner item as a fetch would store it (or, with odd fields, as a shell might)."""
    n = NetworkItem.objects.count() + 1
    return NetworkItem.objects.create(
        source=source,
        original_id=fields.pop("original_id", f"urn:partner:{n}"),
        link=fields.pop("link", f"https://partner.example.org/news/{n}"),
        title=title,
        summary=fields.pop("summary", f"Summary {n}"),
        content=fields.pop("content", f"<p>Content {n}</p>"),
        published_at=published,
        updated_at=published,
        **fields,
    )
