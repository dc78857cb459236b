"""The newsroom's dashboard: what an editor of this site comes to the admin to do.

Wagtail's own panels stay for moderation ("Awaiting your review", "Your pages in a
workflow") and recent edits; these add buttons to start a story or an event, the editor's
own drafts (an abandoned autosaved attempt shows up here), what is scheduled and when,
and what was published lately. Each list is one query of at most `DASHBOARD_ROWS` rows.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage

DASHBOARD_ROWS = 8
STORY_TYPES = (NewsPage, EventPage)


@dataclass(frozen=True)
class Row:
    page: Page
    when: datetime | None


class StartPanel(Component):
    """ "Write an update" and "Add an event": one click to an empty editor."""

    name = "newsroom_start"
    template_name = "home/dashboard/start.html"
    order = 10

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        user = parent_context["request"].user
        actions = []
        for label, index_model, story_model in (
            ("Write an update", NewsIndexPage, NewsPage),
            ("Add an event", EventIndexPage, EventPage),
        ):
            index = index_model.objects.order_by("path").first()
            if index and index.permissions_for_user(user).can_add_subpage():
                meta = story_model._meta
                url = reverse(
                    "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, index.pk]
                )
                actions.append({"label": label, "url": url})
        return {"actions": actions}


class StoryListPanel(Component):
    """A short list of stories and events with a time; hidden when empty."""

    template_name = "home/dashboard/story_list.html"
    heading = ""
    time_label = ""

    def rows(self, user) -> list[Row]:
        raise NotImplementedError

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.heading,
            "time_label": self.time_label,
            "rows": self.rows(parent_context["request"].user),
        }


def stories():
    return Page.objects.type(*STORY_TYPES)


class YourDraftsPanel(StoryListPanel):
    name = "newsroom_your_drafts"
    heading = "Your drafts"
    time_label = "Last saved"
    order = 100

    def rows(self, user) -> list[Row]:
        drafts = (
            stories()
            .filter(has_unpublished_changes=True, latest_revision__user=user)
            .select_related("latest_revision")
            .order_by("-latest_revision_created_at")[:DASHBOARD_ROWS]
        )
        return [Row(page, page.latest_revision_created_at) for page in drafts]


class ScheduledPanel(StoryListPanel):
    name = "newsroom_scheduled"
    heading = "Scheduled"
    time_label = "Goes live"
    order = 110

    def rows(self, user) -> list[Row]:
        story_types = ContentType.objects.get_for_models(*STORY_TYPES).values()
        revisions = list(
            Revision.page_revisions.filter(
                approved_go_live_at__isnull=False, content_type__in=story_types
            ).order_by("approved_go_live_at")[:DASHBOARD_ROWS]
        )
        pages = Page.objects.in_bulk([int(r.object_id) for r in revisions])
        return [
            Row(pages[int(r.object_id)], r.approved_go_live_at)
            for r in revisions
            if int(r.object_id) in pages
        ]


class RecentlyPublishedPanel(StoryListPanel):
    name = "newsroom_recently_published"
    heading = "Published recently"
    time_label = "Published"
    order = 260

    def rows(self, user) -> list[Row]:
        published = stories().live().order_by("-last_published_at")[:DASHBOARD_ROWS]
        return [Row(page, page.last_published_at) for page in published]


NEWSROOM_PANELS = (StartPanel, YourDraftsPanel, ScheduledPanel, RecentlyPublishedPanel)
