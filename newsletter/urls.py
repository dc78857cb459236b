from django.urls import path, re_path

from . import views

app_name = "newsletter"
SIGNED = r"(?P<token>[-\w:.]{1,1000})"  # a signed link's value

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("requested/", views.requested, name="requested"),
    re_path(rf"^confirm/{SIGNED}/$", views.confirm, name="confirm"),
    re_path(rf"^manage/{SIGNED}/$", views.manage, name="manage"),
    re_path(rf"^unsubscribe/{SIGNED}/$", views.unsubscribe, name="unsubscribe"),
]
