"""What followers receive: a signed Create when a story goes live, an Update when it is
edited, a Delete when it is unpublished; events as Events; a project's account boosting
its stories; never a draft or a private page; outboxes listing the feed's stories, each
object readable at its id."""

import json
from datetime import timedelta

from django.utils import timezone

import pytest

from fediverse.delivery import deliver_due
from fediverse.models import Actor, Delivery, DroppedInbox, Follower
from news.models import NewsPage
from tests.factories import (
    make_category,
    make_event,
    make_events_index,
    make_image,
    make_news,
    make_private,
    make_project,
)
from tests.servers import Reply
from worker.publishing import publish_scheduled

from .conftest import follow
from .peer import Peer

pytestmark = pytest.mark.live


def received(peer: Peer) -> list[dict]:
    return [json.loads(r.body) for r in peer.posted()]


def followed(peer: Peer, hub_site, username: str = "updates") -> None:
    follow(peer, hub_site, username)
    peer.server.reset()  # the Accept is not what these tests look at


def test_a_story_goes_live_is_edited_and_unpublished(hub_site, peer):
    followed(peer, hub_site)
    image = make_image(description="A sintered magnet on a bench")
    page = make_news(
        hub_site.index, title="Recycling magnets", summary="Rare earths <back> in use.",
        categories=[make_category("Critical raw materials")], tags=["magnets"], hero_image=image,
    )  # fmt: skip
    [create] = received(peer)
    hub_id = f"{hub_site.base}/ap/actors/updates"
    assert Peer.verified_by(peer.posted()[0], hub_site.hub.public_key, owner=hub_id)
    assert create["type"] == "Create" and create["actor"] == hub_id
    article = create["object"]
    assert article["type"] == "Article"
    assert article["id"] == f"{hub_site.base}/ap/objects/{page.pk}"
    assert article["name"] == "Recycling magnets"
    assert article["summary"] == "Rare earths &lt;back&gt; in use."  # text stays text
    assert article["url"] == page.get_full_url()
    assert article["attributedTo"] == hub_id
    assert "https://www.w3.org/ns/activitystreams#Public" in article["to"]
    assert article["sensitive"] is False and article["contentMap"]["en"] == article["content"]
    assert {tag["name"] for tag in article["tag"]} == {"#CriticalRawMaterials", "#Magnets"}
    [picture] = article["attachment"]
    assert picture["name"] == "A sintered magnet on a bench"
    assert picture["url"].startswith(hub_site.base) and picture["mediaType"].startswith("image/")

    read = peer.get(article["id"]).json()
    assert {k: v for k, v in read.items() if k != "@context"} == article

    peer.server.reset()
    page.title = "Recycling magnets, again"
    page.save_revision().publish()
    [update] = received(peer)
    assert update["type"] == "Update" and update["object"]["name"] == "Recycling magnets, again"
    assert update["object"]["id"] == article["id"]

    peer.server.reset()
    page.unpublish()
    [delete] = received(peer)
    assert delete["type"] == "Delete"
    assert delete["object"] == {"id": article["id"], "type": "Tombstone"}
    assert peer.get(article["id"]).status_code == 410
    assert peer.get(update["id"]).status_code == 410  # nor is the text kept under the Update

    peer.server.reset()
    page.save_revision().publish()  # published again: a new id (the old one is a Tombstone)
    [again] = received(peer)
    assert again["type"] == "Create"
    assert again["object"]["id"] == f"{article['id']}/2"
    assert peer.get(again["object"]["id"]).json()["name"] == "Recycling magnets, again"
    assert peer.get(article["id"]).status_code == 410


def test_drafts_and_private_stories_are_never_delivered_or_served(hub_site, peer):
    followed(peer, hub_site)
    draft = make_news(hub_site.index, title="Draft", publish=False)
    make_private(hub_site.index, "login")
    hidden = make_news(hub_site.index, title="Members only")
    assert received(peer) == []
    for page in (draft, hidden):
        assert peer.get(f"{hub_site.base}/ap/objects/{page.pk}").status_code == 404
    outbox = peer.get(f"{hub_site.base}/ap/actors/updates/outbox").json()
    assert outbox["totalItems"] == 0


def test_a_story_made_private_after_it_went_out_is_deleted(hub_site, peer):
    followed(peer, hub_site)
    page = make_news(hub_site.index, title="Soon private")
    make_private(page, "login")
    assert [activity["type"] for activity in received(peer)] == ["Create", "Delete"]


def test_an_event_goes_out_as_an_event(hub_site, peer):
    followed(peer, hub_site)
    event = make_event(make_events_index(hub_site.home), title="Magnet workshop",
                       venue_name="Fraunhofer IWKS", venue_city="Hanau")  # fmt: skip
    [create] = received(peer)
    assert create["object"]["type"] == "Event"
    assert create["object"]["name"] == "Magnet workshop"
    assert create["object"]["startTime"].startswith(event.start_date.isoformat())
    assert "Hanau" in create["object"]["location"]["name"]


def test_a_projects_account_boosts_its_projects_stories(hub_site, peer):
    project = make_project("PERMANET")
    Actor.objects.create(username="permanet", project=project)
    followed(peer, hub_site, "permanet")
    page = make_news(hub_site.index, title="PERMANET news", projects=[project])
    [announce] = received(peer)  # the peer follows the project, not the hub
    assert announce["type"] == "Announce"
    assert announce["actor"] == f"{hub_site.base}/ap/actors/permanet"
    assert announce["object"] == f"{hub_site.base}/ap/objects/{page.pk}"
    permanet_key = Actor.objects.get(username="permanet").public_key
    assert Peer.verified_by(peer.posted()[0], permanet_key, owner=announce["actor"])
    article = peer.get(announce["object"]).json()
    assert {"type": "Mention", "href": announce["actor"],
            "name": f"@permanet@{hub_site.host}"} in article["tag"]  # fmt: skip
    outbox = f"{hub_site.base}/ap/actors/permanet/outbox"
    [item] = peer.get(f"{outbox}?page=1").json()["orderedItems"]
    assert item["type"] == "Announce" and peer.get(item["id"]).json()["object"] == article["id"]


def test_the_outbox_lists_the_news_feeds_stories_newest_first(hub_site, peer):
    for n in range(3):
        make_news(hub_site.index, title=f"Story {n}")
    outbox = peer.get(f"{hub_site.base}/ap/actors/updates/outbox").json()
    assert outbox["totalItems"] == 3
    page = peer.get(outbox["first"]).json()
    assert page["type"] == "OrderedCollectionPage" and page["partOf"] == outbox["id"]
    feed = peer.get(f"{hub_site.base}/feeds/news.json", accept="application/feed+json").json()
    assert [item["object"]["url"] for item in page["orderedItems"]] == [
        item["url"] for item in feed["items"]
    ]
    for item in page["orderedItems"]:
        assert peer.get(item["id"]).json()["object"] == item["object"]
    assert peer.get(f"{outbox['id']}?page=9").status_code == 400


def test_a_failing_server_is_retried_and_one_gone_for_days_is_dropped(hub_site, settings):
    settings.FEDIVERSE_RETRY_SECONDS = 0
    with Peer(replies=[Reply(202), Reply(503)]) as failing:  # accepts the follow, then fails
        followed(failing, hub_site)
        failing.server.reset([Reply(503)])
        make_news(hub_site.index, title="Undeliverable")
        delivery = Delivery.objects.get(activity__type="Create")
        assert delivery.delivered_at is None and delivery.last_error == "HTTP 503"
        assert delivery.attempts == 1
        deliver_due()  # the worker's retry: fails again, still kept
        delivery.refresh_from_db()
        assert delivery.attempts == 2 and delivery.given_up_at is None
        Delivery.objects.update(first_failed_at=timezone.now() - timedelta(days=4))
        deliver_due()  # failing every attempt for four days: dropped
        delivery.refresh_from_db()
        assert delivery.given_up_at is not None
        assert not Follower.objects.exists()
        dropped = DroppedInbox.objects.get()
        assert dropped.inbox_url == failing.shared_inbox and dropped.followers_removed == 1


def test_a_slow_inbox_delays_no_other(hub_site, settings):
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 1
    with Peer("slow", replies=[Reply(202)]) as slow, Peer("fast") as fast:
        followed(slow, hub_site)
        followed(fast, hub_site)
        slow.server.reset([Reply(202, delay=3)])  # answers after the deadline
        make_news(hub_site.index, title="For both")
        outcomes = {d.inbox_url: d for d in Delivery.objects.filter(activity__type="Create")}
        assert outcomes[fast.shared_inbox].delivered_at is not None
        slow_one = outcomes[slow.shared_inbox]
        assert slow_one.delivered_at is None and "time allowed" in slow_one.last_error


def test_an_expired_story_is_deleted_when_the_worker_expires_it(hub_site, peer):
    followed(peer, hub_site)
    page = make_news(hub_site.index, title="Short-lived")
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    publish_scheduled.call()  # the worker's clock
    assert [activity["type"] for activity in received(peer)] == ["Create", "Delete"]


def test_a_401_is_tried_again_not_given_up(hub_site, settings):
    """Mastodon answers 401 when its fetch of our key failed: a moment's trouble."""
    with Peer(replies=[Reply(202), Reply(401)]) as refusing:
        followed(refusing, hub_site)
        refusing.server.reset([Reply(401)])
        make_news(hub_site.index, title="Try again")
        delivery = Delivery.objects.get(activity__type="Create")
        assert delivery.given_up_at is None and delivery.next_attempt_at > timezone.now()
        assert delivery.last_error == "HTTP 401"
