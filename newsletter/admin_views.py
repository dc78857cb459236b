"""The newsletter's own admin views: one person's data, and "Send now" with a preview."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from . import subscriptions
from .content import Window, render_digest
from .links import site_for_mail
from .mail import MANAGE_URL, UNSUBSCRIBE_URL
from .models import Digest, Subscriber
from .tasks import queue_digest
from .topics import Topics


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def subscriber_data(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything stored about one person, as a JSON download (GDPR art. 15 and 20)."""
    _require(request, "newsletter.view_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(
        json.dumps(subscriptions.personal_data(subscriber), indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


def send_now(request: HttpRequest) -> HttpResponse:
    """GET: the digest as a reader of everything would get it now; POST: send it to all."""
    _require(request, "newsletter.add_digest")
    if request.method == "POST":
        digest = queue_digest(Digest.Trigger.ADMIN, user=request.user)
        messages.success(
            request, f"The digest is on its way to {digest.recipients} confirmed subscribers."
        )
        return redirect("newsletter_digest:index")
    since = Digest.objects.aggregate(latest=Max("until"))["latest"]
    window = Window(since=since, until=timezone.now())
    rendered = render_digest(Topics(), window, site=site_for_mail())
    preview = None
    if rendered is not None:
        preview = rendered[0].personal(manage_url=MANAGE_URL, unsubscribe_url=UNSUBSCRIBE_URL)
    context = {
        "preview": preview,
        "since": since,
        "recipients": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
        "page_title": "Send the newsletter now",
        "header_icon": "mail",
    }
    return TemplateResponse(request, "newsletter/admin/send_now.html", context)
