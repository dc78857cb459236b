from django.urls import path, re_path

from . import views

app_name = "feeds"

FMT = r"(?P<fmt>rss|atom|json)"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]{1,100})"

urlpatterns = [
    path("", views.feed_index, name="index"),
    path("opml.xml", views.opml, name="opml"),
    re_path(rf"^news\.{FMT}$", views.feed, name="site"),
    re_path(rf"^events\.{FMT}$", views.events_feed, name="events"),
    re_path(rf"^network\.{FMT}$", views.network_feed, name="network"),
    re_path(rf"^network/projects/{SLUG}\.{FMT}$", views.network_feed, name="network-project"),
    re_path(rf"^categories/{SLUG}\.{FMT}$", views.feed, {"kind": "category"}, name="category"),
    re_path(rf"^tags/{SLUG}\.{FMT}$", views.feed, {"kind": "tag"}, name="tag"),
    re_path(rf"^projects/{SLUG}\.{FMT}$", views.feed, {"kind": "project"}, name="project"),
]
