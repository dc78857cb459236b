"""Partner feeds and their items in the admin, and the OPML import."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from news.permissions import ActionsRefused

from . import admin_views
from .models import FeedSource, NetworkItem

# Items are written by fetching; editors may only hide (edit) or delete them.
register_permission_policy(NetworkItem, ActionsRefused(NetworkItem, refused=frozenset({"add"})))


class FeedSourceViewSet(ModelViewSet):
    model = FeedSource
    icon = "rss"
    menu_label = "Partner feeds"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["project", "url", "active", "fetch_every_minutes"]
    list_display = ["project", "url", "active", "last_fetched_at", "last_status",
                    "item_count", "consecutive_errors", "next_fetch_at"]  # fmt: skip
    list_filter = ["project", "active"]
    search_fields = ["url", "title"]


class NetworkItemViewSet(ModelViewSet):
    model = NetworkItem
    icon = "doc-full"
    menu_label = "Partner news"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["hidden"]
    list_display = ["title", "source", "published_at", "hidden"]
    list_filter = ["hidden", "source__project"]
    search_fields = ["title", "summary"]


class NetworkGroup(ModelViewSetGroup):
    menu_label = "Network"
    menu_icon = "rss"
    menu_order = 260
    items = (FeedSourceViewSet("network_source"), NetworkItemViewSet("network_item"))


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkGroup()


@hooks.register("register_admin_urls")
def register_network_urls():
    return [path("network/import/", admin_views.import_view, name="network_import_opml")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("network.add_feedsource")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import partner feeds", reverse("network_import_opml"), icon_name="rss", order=261
    )
