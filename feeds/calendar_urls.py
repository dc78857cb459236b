"""iCalendar URLs under /events/: the site's, a category's, a project's and one event's.

`calendar` is a reserved event slug (see events.models.RESERVED_SLUGS), so the site's
calendar and an event's never share a path.
"""

from django.urls import path, re_path

from . import views
from .urls import SLUG

app_name = "calendars"

urlpatterns = [
    path("calendar.ics", views.events_calendar, name="all"),
    re_path(
        rf"^categories/{SLUG}\.ics$", views.events_calendar, {"kind": "category"}, name="category"
    ),
    re_path(rf"^projects/{SLUG}\.ics$", views.events_calendar, {"kind": "project"}, name="project"),
    # Page slugs may be Unicode (WAGTAIL_ALLOW_UNICODE_SLUGS).
    re_path(r"^(?P<slug>[-\w]{1,255})\.ics$", views.event_calendar, name="event"),
]
