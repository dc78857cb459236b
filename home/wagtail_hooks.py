"""Wagtail hooks of the site floor: the newsroom's dashboard."""

from wagtail import hooks

from .dashboard import NEWSROOM_PANELS


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels: list) -> None:
    """The newsroom's panels in; Wagtail's "most recent edits" out (the drafts and
    "published recently" panels say the same, split by what the editor does next)."""
    panels[:] = [panel for panel in panels if panel.name != "recent_edits"]
    panels.extend(panel() for panel in NEWSROOM_PANELS)
