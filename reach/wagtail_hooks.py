"""Reach in the admin: a menu item, the Reach page and report downloads, a dashboard
panel of the last 30 days, and the permission to see them (in Settings → Groups)."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import charts, views
from .report import Period, glance, shown

DASHBOARD_DAYS = 30


@hooks.register("register_admin_urls")
def register_reach_urls():
    return [
        path("reach/", views.reach_page, name="reach"),
        path(
            "reach/report.<str:fmt>",
            views.dissemination_report,
            name="reach_report",
        ),
    ]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_reach_menu_item():
    return ReachMenuItem("Reach", reverse("reach"), icon_name="crosshairs", order=270)


@hooks.register("register_permissions")
def register_reach_permission():
    return Permission.objects.filter(content_type__app_label="reach", codename="view_dailyreads")


class ReachPanel(Component):
    """The network's reads over the last 30 days, charted, and its most read stories."""

    name = "reach"
    template_name = "reach/admin/dashboard_panel.html"
    order = 400  # after the newsroom's lists

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        today = timezone.localdate()
        seen = glance(Period(today - timedelta(days=DASHBOARD_DAYS - 1), today))
        return {
            "total_reads": shown(seen.total),
            "chart": charts.columns(f"Reads a day, last {DASHBOARD_DAYS} days", seen.over_time),
            "top": [(page, shown(page.reads)) for page in seen.top_pages[:3]],
        }


@hooks.register("construct_homepage_panels")
def add_reach_panel(request, panels: list) -> None:
    if request.user.has_perm(views.PERMISSION):
        panels.append(ReachPanel())
