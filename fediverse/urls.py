"""The fediverse's addresses (views: fediverse.views); discovery lives under /.well-known/."""

from django.urls import path

from . import views

well_known = [
    path("webfinger", views.webfinger_view, name="fediverse-webfinger"),
    path("host-meta", views.host_meta, name="fediverse-host-meta"),
    path("nodeinfo", views.nodeinfo_index, name="fediverse-nodeinfo-index"),
]

urlpatterns = [
    path("nodeinfo/<str:version>", views.nodeinfo_view, name="fediverse-nodeinfo"),
    path("ap/inbox", views.inbox_view, name="fediverse-shared-inbox"),
    path("ap/actors/<slug:username>", views.actor_view, name="fediverse-actor"),
    path("ap/actors/<slug:username>/inbox", views.inbox_view, name="fediverse-inbox"),
    path("ap/actors/<slug:username>/outbox", views.outbox_view, name="fediverse-outbox"),
    path("ap/actors/<slug:username>/followers", views.followers_view,
         name="fediverse-followers"),
    path("ap/actors/<slug:username>/announces/<int:page_id>", views.announce_view,
         name="fediverse-announce"),
    path("ap/objects/<int:page_id>", views.object_view, name="fediverse-object"),
    path("ap/objects/<int:page_id>/<int:generation>", views.object_view,
         name="fediverse-object-generation"),
    path("ap/objects/<int:page_id>/activity", views.object_activity_view,
         name="fediverse-object-activity"),
    path("ap/objects/<int:page_id>/<int:generation>/activity", views.object_activity_view,
         name="fediverse-object-generation-activity"),
    path("ap/activities/<uuid:uuid>", views.activity_view, name="fediverse-activity"),
]  # fmt: skip
