"""Editors see each account's followers, remove one, and block a domain (its followers
go with it); what followers' servers wrote cannot be added or edited by hand."""

from django.urls import reverse

from fediverse.models import Actor, BlockedDomain, Follower
from tests.factories import make_project


def make_follower(actor: Actor, url: str) -> Follower:
    host = url.split("/")[2]
    return Follower.objects.create(actor=actor, actor_url=url, inbox_url=f"https://{host}/inbox",
                                   domain=host)  # fmt: skip


def test_followers_are_listed_per_account_removed_and_blocked(editor_client, site_tree, hub_keys):
    private, public = hub_keys
    hub = Actor.objects.create(username="updates", private_key=private, public_key=public)
    permanet = Actor.objects.create(username="permanet", project=make_project("PERMANET"),
                                    private_key=private, public_key=public)  # fmt: skip
    alice = make_follower(hub, "https://mastodon.example/users/alice")
    make_follower(permanet, "https://mastodon.example/users/bob")
    make_follower(hub, "https://spam.example/users/eve")
    make_follower(hub, "https://a.spam.example/users/mallory")

    accounts = editor_client.get(reverse("fediverse_actor:index")).content.decode()
    assert "@updates" in accounts and "@permanet" in accounts
    listing = editor_client.get(reverse("fediverse_follower:index"), {"actor": permanet.pk})
    assert "users/bob" in listing.content.decode()
    assert "users/alice" not in listing.content.decode()
    refused = editor_client.get(reverse("fediverse_follower:add"))  # Wagtail: back home
    assert refused.status_code == 302 and refused.url == "/admin/"

    removed = editor_client.post(reverse("fediverse_follower:delete", args=[alice.pk]))
    assert removed.status_code == 302 and not Follower.objects.filter(pk=alice.pk).exists()

    blocked = editor_client.post(reverse("fediverse_blocked:add"),
                                 {"domain": " Spam.Example. ", "note": "spam"})  # fmt: skip
    assert blocked.status_code == 302
    assert BlockedDomain.objects.get().domain == "spam.example"
    assert sorted(Follower.objects.values_list("domain", flat=True)) == ["mastodon.example"]
