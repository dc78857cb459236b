"""What followers are told when a page changes: one reconciliation, whatever the change.

The worker compares what the fediverse was last told about a page (FederatedObject) with
what readers may see now, through the one visibility rule: a story or event readers can
see and followers never got is a Create (the hub's) and an Announce by each of its
projects' accounts; one they got at an earlier publication is an Update; one they got
that readers can no longer see (unpublished, expired, made private, moved out, deleted)
is a Delete with a Tombstone. Publishing now or on schedule, editing, unpublishing and
expiry all come here, so nothing private, draft, expired or not yet live is ever sent.
"""

from django.db import transaction

from wagtail.models import Page

from events.models import EventPage
from news.models import NewsPage

from . import addresses
from .documents import activity, create, page_objects, tombstone
from .models import Actor, FederatedObject
from .sending import inboxes_of, send

FEDERATED_MODELS = (NewsPage, EventPage)


def visible_page(page_id: int):
    """The page as readers of its site may see it, or None."""
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    if page is None:
        return None
    model = page.specific_class
    if model not in FEDERATED_MODELS:
        return None
    site = page.get_site()
    if site is None:
        return None
    return model.objects.publishable(site=site).filter(pk=page_id).first()


def reconcile(page_id: int) -> str:
    hub = Actor.objects.filter(project=None).first()
    if hub is None:
        return "the hub has no fediverse account"
    # A row to lock exists before the lock is taken: two jobs for one page (two workers,
    # a publish and a restriction at once) tell followers once.
    FederatedObject.objects.get_or_create(page_id=page_id)
    with transaction.atomic():
        record = FederatedObject.objects.select_for_update().get(page_id=page_id)
        page = visible_page(page_id)
        if page is None:
            if record.deleted:
                return "nothing to tell"
            record.deleted = True
            record.save(update_fields=["deleted", "updated_at"])
            gone = tombstone(page_id, record.generation)
            send(
                hub,
                activity("", "Delete", hub, gone, to=[addresses.PUBLIC]),
                inboxes_of(Actor.objects.all()),
            )
            return "deleted"
        version = page.last_published_at
        if record.deleted:
            if record.published_version is not None:
                record.generation += 1  # sent and deleted before: its old id is a Tombstone
            record.deleted, record.published_version = False, version
            record.save(update_fields=["deleted", "published_version", "generation", "updated_at"])
            document = page_objects([page], page.get_site(), hub=hub)[0]
            send(hub, create(document, hub=hub), inboxes_of([hub]))
            _announce(page, document)
            return "created"
        if record.published_version == version:
            return "nothing to tell"
        record.published_version = version
        record.save(update_fields=["published_version", "updated_at"])
        document = page_objects([page], page.get_site(), hub=hub)[0]
        document["updated"] = version.isoformat()  # servers apply an Update that says when
        update = activity("", "Update", hub, document, to=document["to"], cc=document["cc"])
        send(hub, update, inboxes_of(Actor.objects.all()))
        return "updated"


def reconcile_federated() -> dict[str, int]:
    """Every page followers were ever told of, after a view restriction changed: a Delete
    for each readers can no longer see, a Create for each they can see again."""
    outcomes: dict[str, int] = {}
    told = FederatedObject.objects.exclude(published_version=None)
    for page_id, deleted in list(told.values_list("page_id", "deleted")):
        if (visible_page(page_id) is None) != deleted:
            outcome = reconcile(page_id)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _announce(page, document: dict) -> None:
    """Each of the page's projects with an account shares the hub's object with its own
    followers (as a boost: the object stays the hub's)."""
    projects = [project.pk for project in page.classification.projects]
    for actor in Actor.objects.filter(project__in=projects):
        inboxes = inboxes_of([actor])
        if inboxes:
            announce = activity(
                "", "Announce", actor, document["id"], to=[addresses.PUBLIC],
                cc=[addresses.followers_url(actor.username)], published=document["published"],
            )  # fmt: skip
            send(actor, announce, inboxes)
