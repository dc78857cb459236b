"""Builds the demo site: idempotent, so running it twice changes nothing."""

import datetime
import io
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from events.models import EventIndexPage, EventPage
from home.models import HomePage, InformationPage, SiteSettings
from network.models import FeedSource, NetworkItem
from news.image_credits import ImageCredit
from news.models import NewsIndexPage, NewsPage
from news.snippets import Category, Cluster, PartnerProject

from . import content
from .events import events as demo_events
from .images import brochure_pdf, magnet_picture, project_logo
from .information import PAGES as INFORMATION_PAGES
from .network import SOURCES as demo_sources
from .network import items_of as demo_items_of

PAGE_LINK = re.compile(r"\{page:([a-z0-9-]+)\}")
NEWS_INDEX_SLUG = "updates"
EVENTS_INDEX_SLUG = "events"


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Create whatever part of the demo site is missing; returns counts of what was created."""
    created = {"snippets": 0, "images": 0, "documents": 0, "pages": 0}
    categories = {}
    for name, slug, description in content.CATEGORIES:
        categories[slug], new = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        created["snippets"] += new
    cluster, new = Cluster.objects.get_or_create(
        slug=content.CLUSTER["slug"],
        defaults={"name": content.CLUSTER["name"], "description": content.CLUSTER["description"]},
    )
    created["snippets"] += new
    projects = {}
    for acronym, slug, name, programme, website, description, in_cluster in content.PROJECTS:
        project, new = PartnerProject.objects.get_or_create(
            slug=slug,
            defaults={
                "acronym": acronym,
                "name": name,
                "funding_programme": programme,
                "website": website,
                "description": description,
            },
        )
        if new and in_cluster:
            project.clusters.add(cluster)
            project.save()
        if project.logo_id is None:
            project.logo = _logo(acronym, len(projects), created)
            project.save(update_fields=["logo"])
        projects[slug] = project
        created["snippets"] += new

    images = [_image(index, title, created) for index, title in enumerate(content.IMAGE_TITLES)]
    document = _document(created)
    home = _home_page(created)
    index = _news_index(home, created)
    _site_settings(home, logo=images[4], created=created)

    new_pages = []
    for story in content.STORIES:
        page = NewsPage.objects.child_of(index).filter(slug=story["slug"]).first()
        if page is None:
            page = NewsPage(
                title=story["title"],
                slug=story["slug"],
                date=story["date"],
                summary=story["summary"],
                hero_image=images[story["hero"]],
                hero_alt_text=story["hero_alt"],
                hero_caption=story["hero_caption"],
            )
            index.add_child(instance=page)
            new_pages.append((page, story))
            created["pages"] += 1

    pages_by_slug = {page.slug: page for page in NewsPage.objects.child_of(index)}
    pages_by_slug[NEWS_INDEX_SLUG] = index
    pages_by_slug["news-index"] = index
    for page, story in new_pages:
        page.body = [_resolve(block, images, document, pages_by_slug) for block in story["body"]]
        page.categories.set([categories[slug] for slug in story["categories"]])
        page.projects.set([projects[slug] for slug in story["projects"]])
        page.tags.set(story["tags"])
        page.save_revision().publish()
        published_at = timezone.make_aware(
            datetime.datetime.combine(story["date"], datetime.time(9))
        )
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=published_at,
            last_published_at=published_at,
            published_at=published_at,
        )
    _events(home, images, categories, projects, created)
    _partner_news(projects, created)
    return created


def _partner_news(projects: dict, created: dict) -> None:
    """Inactive demo sources with a few items, as if fetched (see demo/network.py)."""
    today = timezone.localdate()
    for spec in demo_sources:
        source, new = FeedSource.objects.get_or_create(
            url=spec["url"],
            defaults={"project": projects[spec["project"]], "title": spec["title"],
                      "active": False, "last_status": "demo: never fetched"},
        )  # fmt: skip
        if not new:
            continue
        created["snippets"] += 1
        items = [
            NetworkItem(source=source, updated_at=item["published_at"], **item)
            for item in demo_items_of(spec, today)
        ]
        NetworkItem.objects.bulk_create(items)
        FeedSource.objects.filter(pk=source.pk).update(item_count=len(items))


def _events(home: HomePage, images: list, categories: dict, projects: dict, created: dict):
    """The events index and its events, each announced a month ahead (or on loading, for
    one less than a month away), and the stories that report on them linked to them."""
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(
            title="Events",
            slug=EVENTS_INDEX_SLUG,
            intro="<p>Meetings, conferences, workshops and webinars across the network.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        created["pages"] += 1
    today = timezone.localdate()
    for spec in demo_events(today):
        if EventPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        (start_date, start_time), (end_date, end_time) = spec["start"], spec["end"]
        venue = spec.get("venue", ("", "", "", ""))
        event = EventPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            hero_image=images[spec["hero"]],
            hero_alt_text=spec["hero_alt"],
            all_day=spec["all_day"],
            start_date=start_date,
            start_time=start_time,
            end_date=end_date,
            end_time=end_time,
            time_zone=spec["time_zone"],
            format=spec["format"],
            venue_name=venue[0],
            venue_address=venue[1],
            venue_city=venue[2],
            venue_country=venue[3],
            online_url=spec.get("online_url", ""),
            registration_url=spec.get("registration_url", ""),
            registration_deadline=spec.get("registration_deadline"),
            status=spec["status"],
            body=spec["body"],
        )
        index.add_child(instance=event)
        event.categories.set([categories[slug] for slug in spec["categories"]])
        event.projects.set([projects[slug] for slug in spec["projects"]])
        event.tags.set(spec["tags"])
        event.save_revision().publish()
        announced = timezone.make_aware(
            datetime.datetime.combine(
                min(today, start_date - datetime.timedelta(days=30)), datetime.time(9)
            )
        )
        EventPage.objects.filter(pk=event.pk).update(
            first_published_at=announced, last_published_at=announced
        )
        created["pages"] += 1
        for story in NewsPage.objects.filter(slug__in=spec.get("stories", []), event=None):
            story.event, published = event, story.last_published_at
            story.save_revision().publish()
            # Linking is not news: the story keeps the date it was last published.
            NewsPage.objects.filter(pk=story.pk).update(last_published_at=published)


def _image(index: int, title: str, created: dict):
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        picture = ImageFile(io.BytesIO(magnet_picture(index)), name=f"demo-magnet-{index}.jpg")
        image = image_model.objects.create(title=title, file=picture)
        ImageCredit.objects.create(image=image, credit=content.IMAGE_CREDIT)
        created["images"] += 1
    return image


def _logo(acronym: str, seed: int, created: dict):
    image_model = get_image_model()
    title = f"{acronym} logo"
    image = image_model.objects.filter(title=title).first()
    if image is None:
        picture = ImageFile(io.BytesIO(project_logo(acronym, seed)), name=f"logo-{seed}.png")
        image = image_model.objects.create(title=title, description="", file=picture)
        created["images"] += 1
    return image


def _document(created: dict):
    document_model = get_document_model()
    document = document_model.objects.filter(title=content.DOCUMENT_TITLE).first()
    if document is None:
        document = document_model(title=content.DOCUMENT_TITLE)
        document.file.save(
            "clustering-session-summary.pdf",
            ContentFile(brochure_pdf("Clustering session, 25 March 2026")),
            save=False,
        )
        document.save()
        created["documents"] += 1
    return document


def _home_page(created: dict) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial "Welcome" page holds the slug we want; it has no content.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        home = HomePage(
            title="Permanent Magnets Network",
            slug="home",
            intro="<p>News from European research projects on permanent magnets and critical "
            "raw materials.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created["pages"] += 1
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname = parts.hostname or "localhost"
    site.port = port
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    return home


def _news_index(home: HomePage, created: dict) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(
            title="Updates",
            slug=NEWS_INDEX_SLUG,
            intro="<p>The latest from the network's projects and clusters.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        created["pages"] += 1
    return index


def _site_settings(home: HomePage, *, logo, created: dict) -> None:
    site = home.get_site()
    site_settings = SiteSettings.for_site(site)
    changed = site_settings.pk is None
    if site_settings.feed_logo_id is None:
        site_settings.feed_logo, changed = logo, True
    for field, title, slug, body in INFORMATION_PAGES:
        if getattr(site_settings, f"{field}_id") is None:
            setattr(site_settings, field, _information_page(home, title, slug, body, created))
            changed = True
    if changed:
        site_settings.save()


def _information_page(home: HomePage, title: str, slug: str, body: str, created: dict):
    page = InformationPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = InformationPage(title=title, slug=slug, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        created["pages"] += 1
    return page


def _resolve(block: dict, images: list, document, pages: dict) -> dict:
    """Turn the content module's @-placeholders into ids of the objects just created."""
    value = block["value"]
    if block["type"] == "paragraph":

        def link(match: re.Match) -> str:
            target = pages[match.group(1)]
            return f'<a linktype="page" id="{target.pk}">{target.title}</a>'

        value = PAGE_LINK.sub(link, value)
    elif block["type"] == "image":
        value = {**value, "image": images[int(value["image"].split(":")[1])].pk}
    elif block["type"] == "document":
        value = {**value, "document": document.pk}
    elif block["type"] == "call_to_action":
        page_ref = value.get("page")
        value = {**value, "page": pages[page_ref.split(":")[1]].pk if page_ref else None}
    return {"type": block["type"], "value": value}
