"""The JSON the fediverse reads: actors, objects (a story as an Article, an event as an
Event), activities, collections, and the discovery documents (WebFinger, host-meta,
NodeInfo).

An object is built from the feed entry of the same page (feeds.documents.story_entry):
the same title, address, summary, sanitised content, classification and image as every
other output, through the one read path, so the fediverse can never see more than a feed
reader does.
"""

import mimetypes
import re
import tomllib
from collections.abc import Iterable

from django.conf import settings
from django.utils.html import escape, format_html

from wagtail.models import Site

from events.facts import event_facts, facts_html
from events.models import EventPage
from feeds.builders import FeedEntry
from feeds.documents import FEED_KINDS, story_entry
from feeds.links import category_scheme, feed_path
from home.models import SiteSettings
from news.models import NewsPage
from news.references import References
from news.renditions import (
    FEED_LOGO_RENDITIONS,
    FEED_SPECS,
    LOGO_RENDITIONS,
    SITE_LOGO_SPEC,
    made_rendition,
)

from . import addresses
from .models import Actor, FederatedObject

CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "toot": "http://joinmastodon.org/ns#",
        "discoverable": "toot:discoverable",
        "indexable": "toot:indexable",
        "schema": "http://schema.org#",
        "PropertyValue": "schema:PropertyValue",
        "value": "schema:value",
        "Hashtag": "as:Hashtag",
        "sensitive": "as:sensitive",
    },
]
NOT_A_HASHTAG = re.compile(r"[^\w]+")
SOFTWARE_VERSION = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["project"][
    "version"
]


def actor_document(actor: Actor, site: Site) -> dict:
    """An account as Mastodon shows it: name, bio, avatar, header, profile links, key."""
    site_settings = SiteSettings.for_site(site)
    username, project = actor.username, actor.project
    website = site.root_url + "/"
    if project is None:
        name, summary = site_settings.organisation, site_settings.feed_description
        icon = _rendition(site_settings.feed_logo_id, FEED_LOGO_RENDITIONS["icon"])
        header = _rendition(site_settings.site_logo_id, SITE_LOGO_SPEC)
        feed = site.root_url + feed_path("atom")
    else:
        name = project.acronym
        if project.name.casefold() != project.acronym.casefold():
            name = f"{project.acronym} – {project.name}"
        summary = project.description
        icon = _rendition(project.logo_id, LOGO_RENDITIONS["logo"])
        header = None
        website = project.website or f"{site.root_url}/updates/?project={project.slug}"
        feed = site.root_url + feed_path("atom", "project", project.slug)
    document = {
        "@context": CONTEXT,
        "id": addresses.actor_url(username),
        "type": "Organization",
        "preferredUsername": username,
        "name": name,
        "summary": format_html("<p>{}</p>", summary) if summary else "",
        "url": website,
        "inbox": addresses.inbox_url(username),
        "outbox": addresses.outbox_url(username),
        "followers": addresses.followers_url(username),
        "endpoints": {"sharedInbox": addresses.shared_inbox_url()},
        "discoverable": actor.discoverable,
        "indexable": actor.discoverable,
        "manuallyApprovesFollowers": False,
        "published": actor.created_at.isoformat(),
        "publicKey": {
            "id": addresses.key_id(username),
            "owner": addresses.actor_url(username),
            "publicKeyPem": actor.public_key,
        },
        "attachment": [
            _property("Website", website),
            _property("Feed", feed),
        ],
    }
    if icon:
        document["icon"] = icon
    if header:
        document["image"] = header
    return document


def _property(name: str, url: str) -> dict:
    return {
        "type": "PropertyValue",
        "name": name,
        "value": format_html('<a href="{}" rel="me nofollow noopener" target="_blank">{}</a>',
                             url, url.split("://", 1)[-1]),
    }  # fmt: skip


def _rendition(image_id: int | None, spec: str) -> dict | None:
    """An image of a stated size made when its owner was saved; never made here."""
    rendition = made_rendition(image_id, spec)
    if rendition is None:
        return None
    media_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return {"type": "Image", "mediaType": media_type, "url": addresses.base_url() + rendition.url}


def page_objects(pages: Iterable, site: Site, *, hub: Actor) -> list[dict]:
    """Each story or event as the object followers see, in one batch (references loaded
    once, as a feed does)."""
    pages = list(pages)
    refs = References.for_pages(pages, base_url=site.root_url, specs=FEED_SPECS)
    mentions = _project_actors(pages)
    generations = dict(
        FederatedObject.objects.filter(page_id__in=[page.pk for page in pages]).values_list(
            "page_id", "generation"
        )
    )
    return [
        page_object(page, refs, hub=hub, mentions=mentions, generation=generations.get(page.pk, 1))
        for page in pages
    ]


def page_object(
    page, refs: References, *, hub: Actor, mentions: dict[int, Actor], generation: int = 1
) -> dict:
    is_event = isinstance(page, EventPage)
    lead = facts_html(event_facts(page)) if is_event else ""
    entry: FeedEntry = story_entry(page, refs, lead_html=lead)
    language = SiteSettings.for_site(page.get_site()).feed_language or "en"
    document = {
        "id": addresses.object_url(page.pk, generation),
        "type": "Event" if is_event else "Article",
        "name": entry.title,
        "summary": escape(entry.summary) if entry.summary else None,
        "content": entry.content_html,
        "contentMap": {language: entry.content_html},
        "url": entry.url,
        "published": entry.published.isoformat(),
        "attributedTo": addresses.actor_url(hub.username),
        "to": [addresses.PUBLIC],
        "cc": [addresses.followers_url(hub.username)],
        "sensitive": False,
        "tag": _hashtags(entry, refs.base_url) + _mentions(page, mentions),
        "attachment": _attachments(page, entry, refs),
    }
    if is_event:
        span = page.local_span()
        if span is not None:
            document["startTime"], document["endTime"] = (moment.isoformat() for moment in span)
        if page.has_venue:
            document["location"] = {"type": "Place", "name": page.venue_text}
    return document


def _hashtags(entry: FeedEntry, base_url: str) -> list[dict]:
    """Categories and tags as hashtags (#CriticalRawMaterials), each linking to the
    listing it filters; projects are mentioned instead."""
    kinds = {category_scheme(kind, base_url=base_url): kind for kind in FEED_KINDS}
    listing = entry.url.rstrip("/").rsplit("/", 1)[0] + "/"
    tags, seen = [], set()
    for category in entry.categories:
        kind = kinds.get(category.scheme)
        name = "".join(word[:1].upper() + word[1:] for word in NOT_A_HASHTAG.split(category.label))
        if kind in ("category", "tag") and name and name.lower() not in seen:
            seen.add(name.lower())
            tags.append({"type": "Hashtag", "name": f"#{name}",
                         "href": f"{listing}?{kind}={category.term}"})  # fmt: skip
    return tags


def _mentions(page, mentions: dict[int, Actor]) -> list[dict]:
    return [
        {"type": "Mention", "href": addresses.actor_url(actor.username),
         "name": addresses.handle(actor.username)}
        for project in page.classification.projects
        if (actor := mentions.get(project.pk)) is not None
    ]  # fmt: skip


def _attachments(page, entry: FeedEntry, refs: References) -> list[dict]:
    if entry.image is None:
        return []
    return [{
        "type": "Image", "mediaType": entry.image.mime_type, "url": entry.image.url,
        "name": refs.alt_text(page.hero_image_id, page.hero_alt_text),
    }]  # fmt: skip


def _project_actors(pages: list) -> dict[int, Actor]:
    projects = {project.pk for page in pages for project in page.classification.projects}
    actors = Actor.objects.filter(project__in=projects) if projects else Actor.objects.none()
    return {actor.project_id: actor for actor in actors}


def create(document: dict, *, hub: Actor) -> dict:
    """The Create of a page's object: the same id wherever it appears (outbox, delivery)."""
    return activity(
        addresses.create_url(document["id"]), "Create", hub, document,
        to=document["to"], cc=document["cc"], published=document["published"],
    )  # fmt: skip


def activity(
    activity_id: str, kind: str, actor: Actor, obj, *, to=None, cc=None, published=None
) -> dict:
    document = {
        "@context": CONTEXT,
        "id": activity_id,
        "type": kind,
        "actor": addresses.actor_url(actor.username),
        "object": obj,
    }
    if to is not None:
        document["to"] = to
    if cc is not None:
        document["cc"] = cc
    if published:
        document["published"] = published
    return document


def with_context(document: dict) -> dict:
    return {"@context": CONTEXT, **document}


def tombstone(page_id: int, generation: int = 1) -> dict:
    return {"id": addresses.object_url(page_id, generation), "type": "Tombstone"}


def readable_pages(site: Site, actor: Actor):
    """The stories an account's outbox lists: the news feed's, a project's for its own."""
    stories = NewsPage.objects.publishable(site=site)
    return stories.filter(projects=actor.project_id) if actor.project_id else stories


def webfinger(actor: Actor, site: Site) -> dict:
    return {
        "subject": f"acct:{actor.username}@{addresses.host()}",
        "aliases": [addresses.actor_url(actor.username)],
        "links": [
            {"rel": "self", "type": "application/activity+json",
             "href": addresses.actor_url(actor.username)},
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html",
             "href": actor_document(actor, site)["url"]},
        ],
    }  # fmt: skip


def nodeinfo(*, users: int, posts: int, site_name: str) -> dict:
    return {
        "version": "2.1",
        "software": {
            "name": "magnet-hub",
            "version": SOFTWARE_VERSION,
            "homepage": addresses.base_url() + "/",
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {"users": {"total": users, "activeMonth": users, "activeHalfyear": users},
                  "localPosts": posts},
        "metadata": {"nodeName": site_name},
    }  # fmt: skip
