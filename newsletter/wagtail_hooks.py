"""The newsletter in the admin: subscribers (search, filters, CSV export, erasure, one
person's data), digests sent with their counts, and "Send now"."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Digest, Subscriber


class NoAddingPolicy(ModelPermissionPolicy):
    """Subscribers only come through double opt-in; digests only through sending."""

    def user_has_permission(self, user, action):
        if action in ("add", "change") and self.model is Digest:
            return False
        if action == "add" and self.model is Subscriber:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscriber, NoAddingPolicy(Subscriber))
register_permission_policy(Digest, NoAddingPolicy(Digest))


def _topics(subscriber: Subscriber) -> str:
    return ", ".join(subscriber.topics().as_strings()) or "(none)"


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["all_news", "categories", "projects"]
    search_fields = ["email"]
    list_filter = ["status", "all_news", "categories", "projects"]
    list_export = ["email", "status", "topics_text", "created_at", "confirmed_at",
                   "unsubscribed_at"]  # fmt: skip
    export_headings = {"topics_text": "Topics"}
    export_filename = "newsletter-subscribers"

    @property
    def list_display(self):
        return [
            "email",
            "status",
            Column("topics", label="Topics", accessor=_topics),
            "confirmed_at",
            TitleColumn(
                "data",
                label="Personal data",
                accessor=lambda s: "Download (JSON)",
                get_url=lambda s: reverse("newsletter_subscriber_data", args=[s.pk]),
            ),
        ]

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("categories", "projects")


class DigestViewSet(ModelViewSet):
    model = Digest
    icon = "mail"
    menu_label = "Digests sent"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = []
    list_display = ["__str__", "trigger", "state", "recipients", "sent", "nothing_new",
                    "failed", "finished_at"]  # fmt: skip
    list_filter = ["trigger", "state"]


class NewsletterGroup(ModelViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 250
    items = (SubscriberViewSet("newsletter_subscriber"), DigestViewSet("newsletter_digest"))


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterGroup()


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path("newsletter/send/", admin_views.send_now, name="newsletter_send_now"),
        path(
            "newsletter/subscribers/<int:pk>/data/",
            admin_views.subscriber_data,
            name="newsletter_subscriber_data",
        ),
    ]


class SendNowMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsletter.add_digest")


@hooks.register("register_admin_menu_item")
def register_send_now_menu_item():
    return SendNowMenuItem(
        "Send newsletter now", reverse("newsletter_send_now"), icon_name="mail", order=251
    )
