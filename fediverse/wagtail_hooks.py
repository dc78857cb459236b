"""The fediverse in the admin: accounts, followers (remove one), blocked domains (blocking
one removes its followers), and inboxes dropped after failing for days."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from news.permissions import ActionsRefused

from .models import Actor, BlockedDomain, DroppedInbox, Follower

# Followers are written by other servers, drops by the worker: editors may look at them
# and remove them, never add or edit one.
for model in (Follower, DroppedInbox):
    register_permission_policy(model, ActionsRefused(model, refused=frozenset({"add", "change"})))


class ActorViewSet(ModelViewSet):
    model = Actor
    icon = "globe"
    menu_label = "Accounts"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["username", "project", "discoverable"]
    list_display = ["__str__", "project", "follower_count", "handle", "discoverable"]


class FollowerViewSet(ModelViewSet):
    model = Follower
    icon = "group"
    menu_label = "Followers"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["actor"]
    list_display = ["actor_url", "actor", "domain", "followed_at"]
    list_filter = ["actor"]
    search_fields = ["actor_url", "domain"]


class BlockedDomainViewSet(ModelViewSet):
    model = BlockedDomain
    icon = "cross"
    menu_label = "Blocked domains"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["domain", "note"]
    list_display = ["domain", "note", "blocked_at"]
    search_fields = ["domain"]


class DroppedInboxViewSet(ModelViewSet):
    model = DroppedInbox
    icon = "warning"
    menu_label = "Dropped inboxes"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["last_error"]  # nothing is added or edited here (ActionsRefused)
    list_display = ["inbox_url", "followers_removed", "last_error", "dropped_at"]


class FediverseGroup(ModelViewSetGroup):
    menu_label = "Fediverse"
    menu_icon = "globe"
    menu_order = 265
    items = (
        ActorViewSet("fediverse_actor"),
        FollowerViewSet("fediverse_follower"),
        BlockedDomainViewSet("fediverse_blocked"),
        DroppedInboxViewSet("fediverse_dropped"),
    )


@hooks.register("register_admin_viewset")
def register_fediverse_viewsets():
    return FediverseGroup()
