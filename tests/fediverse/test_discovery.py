"""A Mastodon user finds @updates@our-host: WebFinger, host-meta, NodeInfo, the actor
document in the shape Mastodon requires, and a rel="me" link on the site."""

import re

import pytest
from lxml import etree

from fediverse.models import Actor
from tests.factories import make_project

pytestmark = pytest.mark.live

LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def test_a_handle_is_found_and_its_actor_read_as_mastodon_reads_it(hub_site, peer):
    found = peer.get(
        f"{hub_site.base}/.well-known/webfinger?resource=acct:updates@{hub_site.host}",
        accept="application/jrd+json",
    )
    assert found.status_code == 200
    assert found.json()["subject"] == f"acct:updates@{hub_site.host}"
    self_link = next(link for link in found.json()["links"] if link["rel"] == "self")
    assert self_link["type"] == "application/activity+json"

    actor = peer.get(self_link["href"])
    assert actor.headers["Content-Type"].startswith("application/activity+json")
    document = actor.json()
    assert document["id"] == self_link["href"]
    assert document["type"] in {"Person", "Service", "Organization", "Group", "Application"}
    assert document["preferredUsername"] == "updates"
    for field in ("inbox", "outbox", "followers", "url"):
        assert document[field].startswith(hub_site.base), field
    assert document["name"] == "Permanent Magnets Network"
    assert document["endpoints"]["sharedInbox"] == f"{hub_site.base}/ap/inbox"
    assert document["publicKey"]["id"] == document["id"] + "#main-key"
    assert document["publicKey"]["owner"] == document["id"]
    assert document["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert document["manuallyApprovesFollowers"] is False
    assert document["discoverable"] is True
    links = {item["name"]: item for item in document["attachment"]}
    assert links["Website"]["type"] == "PropertyValue"
    assert 'rel="me' in links["Website"]["value"] and "Feed" in links
    assert peer.get(self_link["href"], accept=LD_JSON).json() == document

    browser = peer.get(self_link["href"], accept="text/html")  # follows the redirect
    assert browser.headers["Content-Type"].startswith("text/html")
    assert browser.url == document["url"]

    for outbox_kind in ("outbox", "followers"):
        collection = peer.get(document[outbox_kind]).json()
        assert collection["type"] == "OrderedCollection"


def test_webfinger_answers_only_for_its_own_accounts(hub_site, peer):
    base = f"{hub_site.base}/.well-known/webfinger"
    assert peer.get(f"{base}?resource=acct:nobody@{hub_site.host}").status_code == 404
    assert peer.get(f"{base}?resource=acct:updates@elsewhere.example").status_code == 404
    assert peer.get(base).status_code == 400
    by_url = peer.get(f"{base}?resource={hub_site.base}/ap/actors/updates")
    assert by_url.json()["subject"] == f"acct:updates@{hub_site.host}"


def test_a_partner_projects_account_is_found_too(hub_site, peer):
    Actor.objects.create(username="permanet", project=make_project("PERMANET"))
    found = peer.get(
        f"{hub_site.base}/.well-known/webfinger?resource=acct:permanet@{hub_site.host}"
    ).json()
    actor = peer.get(found["aliases"][0]).json()
    assert actor["name"].startswith("PERMANET")
    assert actor["publicKey"]["owner"] == actor["id"]


def test_host_meta_nodeinfo_and_the_sites_rel_me(hub_site, peer):
    xrd = etree.fromstring(peer.get(f"{hub_site.base}/.well-known/host-meta").content)
    template = xrd[0].get("template")
    assert template == f"{hub_site.base}/.well-known/webfinger?resource={{uri}}"

    index = peer.get(f"{hub_site.base}/.well-known/nodeinfo").json()
    info = peer.get(index["links"][0]["href"]).json()
    assert info["version"] == "2.1" and info["protocols"] == ["activitypub"]
    assert info["openRegistrations"] is False and info["usage"]["users"]["total"] == 1

    home = peer.get(hub_site.base + "/", accept="text/html").text
    assert re.search(rf'<link rel="me" href="{re.escape(hub_site.base)}/ap/actors/updates">', home)
