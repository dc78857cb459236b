"""The fediverse's addresses: discovery, actors, outboxes, objects, inboxes.

Reads are anonymous GETs that write nothing. An actor or object asked for as ActivityPub
JSON (`application/activity+json`, or `application/ld+json` with the ActivityStreams
profile) answers JSON; asked for by a browser, it sends the reader to the site's page.
"""

import json
from functools import partial
from math import ceil

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Site

from news.models import NewsPage
from news.paging import counted
from news.tally import visible_total

from . import addresses
from .documents import (
    activity,
    actor_document,
    create,
    nodeinfo,
    page_objects,
    readable_pages,
    tombstone,
    webfinger,
    with_context,
)
from .inbox import Refused, receive
from .models import Activity, Actor, FederatedObject
from .publishing import visible_page

ACTIVITY_JSON = "application/activity+json"
JSON_TYPES = ("application/activity+json", "application/ld+json", "application/json")
OUTBOX_PAGE_SIZE = 20
SERVED_ACTIVITIES = ("Create", "Update", "Delete", "Announce")


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return any(kind in accept for kind in JSON_TYPES)


def activity_json(document: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(document, status=status, content_type=ACTIVITY_JSON)
    response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise Http404("no site")
    return site


@require_GET
def webfinger_view(request: HttpRequest) -> HttpResponse:
    resource = request.GET.get("resource", "").strip()
    if not resource:
        return JsonResponse({"error": "resource is required"}, status=400)
    actor = None
    if resource.startswith("acct:"):
        username, _, host = resource[5:].lstrip("@").partition("@")
        if host.lower() == addresses.host().lower():
            actor = Actor.objects.filter(username=username.lower()).first()
    else:
        actor = Actor.objects.at(resource)
    if actor is None:
        return JsonResponse({"error": "no such account here"}, status=404)
    response = JsonResponse(webfinger(actor, default_site()), content_type="application/jrd+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def host_meta(request: HttpRequest) -> HttpResponse:
    template = escape(addresses.absolute("fediverse-webfinger") + "?resource={uri}")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
        f'  <Link rel="lrdd" type="application/jrd+json" template="{template}"/>\n'
        "</XRD>\n"
    )
    return HttpResponse(body, content_type="application/xrd+xml; charset=utf-8")


@require_GET
def nodeinfo_index(request: HttpRequest) -> JsonResponse:
    links = [
        {"rel": f"http://nodeinfo.diaspora.software/ns/schema/{version}",
         "href": addresses.absolute("fediverse-nodeinfo", version)}
        for version in ("2.1", "2.0")
    ]  # fmt: skip
    return JsonResponse({"links": links})


@require_GET
def nodeinfo_view(request: HttpRequest, version: str) -> JsonResponse:
    site = default_site()
    document = nodeinfo(
        users=Actor.objects.count(),
        posts=counted("fediverse:posts", partial(visible_total, NewsPage, site=site)),
        site_name=site.site_name or addresses.host(),
    )
    if version == "2.0":
        document["version"] = "2.0"
        document["software"].pop("homepage")
    profile = f"http://nodeinfo.diaspora.software/ns/schema/{version}#"
    return JsonResponse(document, content_type=f'application/json; profile="{profile}"')


@require_GET
def actor_view(request: HttpRequest, username: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("project"), username=username)
    site = default_site()
    document = actor_document(actor, site)
    if not wants_json(request):
        return HttpResponseRedirect(document["url"])
    return activity_json(document)


@require_GET
def outbox_view(request: HttpRequest, username: str) -> HttpResponse:
    """The account's stories, newest first: the news feed's (a project's own for its
    account), as Creates (the hub's) or Announces (a project's), in pages of 20."""
    actor = get_object_or_404(Actor.objects.select_related("project"), username=username)
    site = default_site()
    pages = readable_pages(site, actor)
    total = counted(f"fediverse:outbox:{actor.pk}", pages.without_bodies().count)
    last = max(1, ceil(total / OUTBOX_PAGE_SIZE))
    outbox = addresses.outbox_url(username)
    number = request.GET.get("page")
    if number is None:
        return activity_json(with_context({
            "id": outbox, "type": "OrderedCollection", "totalItems": total,
            "first": f"{outbox}?page=1", "last": f"{outbox}?page={last}",
        }))  # fmt: skip
    if not number.isascii() or not number.isdigit() or not 1 <= int(number) <= last:
        return JsonResponse({"error": f"page is a number from 1 to {last}"}, status=400)
    number = int(number)
    window = list(pages[(number - 1) * OUTBOX_PAGE_SIZE : number * OUTBOX_PAGE_SIZE])
    hub = Actor.objects.filter(project=None).first() or actor
    objects = page_objects(window, site, hub=hub)
    items = [_outbox_item(actor, hub, document) for document in objects]
    page = {
        "id": f"{outbox}?page={number}", "type": "OrderedCollectionPage", "partOf": outbox,
        "totalItems": total, "orderedItems": items,
    }  # fmt: skip
    if number > 1:
        page["prev"] = f"{outbox}?page={number - 1}"
    if number < last:
        page["next"] = f"{outbox}?page={number + 1}"
    return activity_json(with_context(page))


def _outbox_item(actor: Actor, hub: Actor, document: dict) -> dict:
    if actor.pk == hub.pk:
        item = create(document, hub=hub)
    else:
        page_id, _ = addresses.object_address(document["id"])
        item = activity(
            addresses.absolute("fediverse-announce", actor.username, page_id), "Announce",
            actor, document["id"], to=[addresses.PUBLIC],
            cc=[addresses.followers_url(actor.username)], published=document["published"],
        )  # fmt: skip
    item.pop("@context", None)
    return item


@require_GET
def followers_view(request: HttpRequest, username: str) -> HttpResponse:
    """How many follow the account; who they are is not published."""
    actor = get_object_or_404(Actor, username=username)
    return activity_json(with_context({
        "id": addresses.followers_url(username), "type": "OrderedCollection",
        "totalItems": actor.followers.count(),
    }))  # fmt: skip


def current_object(page_id: int, generation: int = 1) -> dict | None:
    """The page's object if readers may see it and `generation` is its current id, None if
    it never was one; Http410 (a Tombstone) once followers were told it is gone."""
    record = FederatedObject.objects.filter(page_id=page_id).first()
    current = record.generation if record else 1
    page = visible_page(page_id)
    if page is not None and generation == current:
        return _object(page)
    if record is not None and record.published_version is not None and generation <= current:
        raise Gone(page_id, generation)
    return None


class Gone(Exception):
    def __init__(self, page_id: int, generation: int):
        super().__init__(page_id)
        self.tombstone = tombstone(page_id, generation)


def _gone(error: Gone) -> JsonResponse:
    response = activity_json(with_context(error.tombstone), status=410)
    response["Cache-Control"] = "no-cache"  # a page published again must not stay gone
    return response


@require_GET
def object_view(request: HttpRequest, page_id: int, generation: int = 1) -> HttpResponse:
    """A story or event at its ActivityPub id: the same JSON as delivered, while readers
    may see it; 410 Gone once followers were told it was deleted."""
    try:
        document = current_object(page_id, generation)
    except Gone as gone:
        return _gone(gone)
    if document is None:
        raise Http404("no such object")
    if not wants_json(request):
        return HttpResponseRedirect(document["url"])
    return activity_json(with_context(document))


@require_GET
def object_activity_view(request: HttpRequest, page_id: int, generation: int = 1) -> HttpResponse:
    hub = Actor.objects.filter(project=None).first()
    try:
        document = current_object(page_id, generation)
    except Gone as gone:
        return _gone(gone)
    if document is None or hub is None:
        raise Http404("no such activity")
    return activity_json(create(document, hub=hub))


@require_GET
def announce_view(request: HttpRequest, username: str, page_id: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("project"), username=username)
    hub = Actor.objects.filter(project=None).first()
    page = visible_page(page_id)
    if page is None or hub is None or actor.project is None:
        raise Http404("no such activity")
    if actor.project_id not in {project.pk for project in page.classification.projects}:
        raise Http404("no such activity")
    return activity_json(with_context(_outbox_item(actor, hub, _object(page))))


@require_GET
def activity_view(request: HttpRequest, uuid) -> HttpResponse:
    """An activity we sent, at its id, while what it carries may still be read: a Create
    or Update of a page readers can no longer see is gone (an Accept, which names a
    follower, is never shown)."""
    sent = Activity.objects.filter(uuid=uuid, type__in=SERVED_ACTIVITIES).first()
    if sent is None:
        raise Http404("no such activity")
    carried = sent.payload.get("object")
    carried = carried.get("id") if isinstance(carried, dict) else carried
    address = addresses.object_address(carried) if isinstance(carried, str) else None
    if sent.type != "Delete" and address is not None:
        try:
            if current_object(*address) is None:
                raise Http404("no such activity")
        except Gone as gone:
            return _gone(gone)
    return activity_json(sent.payload)


def _object(page) -> dict:
    hub = Actor.objects.filter(project=None).first()
    if hub is None:
        raise Http404("the hub has no fediverse account")
    return page_objects([page], page.get_site(), hub=hub)[0]


@csrf_exempt
@require_POST
def inbox_view(request: HttpRequest, username: str | None = None) -> HttpResponse:
    """Signed activities from other servers (fediverse.inbox): 202 when taken, a 4xx that
    says why when refused."""
    addressed_to = get_object_or_404(Actor, username=username) if username else None
    if len(request.body) > settings.FEDIVERSE_MAX_ACTIVITY_BYTES:
        return JsonResponse({"error": "the activity is too large"}, status=413)
    content_type = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type not in JSON_TYPES:
        return JsonResponse({"error": "send application/activity+json"}, status=415)
    try:
        document = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    if not isinstance(document, dict):
        return JsonResponse({"error": "the body is not an activity"}, status=400)
    try:
        receive(request, document, addressed_to)
    except Refused as refused:
        return JsonResponse({"error": str(refused)}, status=refused.status)
    return HttpResponse(status=202)
