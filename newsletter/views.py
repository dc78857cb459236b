"""The newsletter's pages: subscribe, confirm, manage topics, unsubscribe.

No GET changes anything: links in mails open a page whose button POSTs (mail scanners
that follow links confirm or unsubscribe nobody). The POSTs need no CSRF cookie, so the
pages that carry the subscribe form stay cacheable: a forged subscribe request only
sends a confirmation to the address's owner (double opt-in, rate-limited), and the other
forms carry a signed token only that owner has. RFC 8058's one-click unsubscribe is a
POST from the mail client, with no cookie at all.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from limits.client_ip import client_ip
from news.filters import FilterError

from . import subscriptions
from .forms import SubscribeForm, TopicsForm
from .models import Subscriber
from .tokens import InvalidLink, read_confirmation
from .wording import current_wording


def _page(request, template: str, context: dict | None = None, status: int = 200):
    return TemplateResponse(
        request, f"newsletter/{template}.html", {"wording": current_wording(), **(context or {})},
        status=status,
    )  # fmt: skip


def _invalid(request, error: InvalidLink) -> HttpResponse:
    return _page(request, "invalid_link", {"reason": error.reason}, status=400)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = SubscribeForm(initial={"email": request.GET.get("email", "")[:254]})
        return _page(request, "subscribe", {"form": form})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "subscribe", {"form": form}, status=400)
    try:
        topics = subscriptions.read_topics(form.chosen())
        subscriptions.request_subscription(
            form.cleaned_data["email"].lower(), topics, client=client_ip(request)
        )
    except FilterError as error:
        form.add_error("topics", error.message)
        return _page(request, "subscribe", {"form": form}, status=400)
    except subscriptions.Throttled as error:
        response = _page(request, "throttled", status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    return redirect("newsletter:requested", permanent=False)


def requested(request: HttpRequest) -> HttpResponse:
    return _page(request, "requested")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method != "POST":
            read_confirmation(token)  # an invalid or expired link says so at once
            return _page(request, "confirm", {"token": token})
        subscriber = subscriptions.confirm(token)
    except InvalidLink as error:
        return _invalid(request, error)
    return _page(request, "confirmed", {"subscriber": subscriber})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriptions.subscriber_for_link(token)
    except InvalidLink as error:
        return _invalid(request, error)
    if request.method == "POST" and request.POST.get("action") == "unsubscribe":
        subscriptions.unsubscribe(subscriber)
        return _page(request, "unsubscribed", {"token": token})
    if request.method == "POST":
        form = TopicsForm(request.POST)
        if form.is_valid():
            try:
                subscriptions.change_topics(subscriber, subscriptions.read_topics(form.chosen()))
            except FilterError as error:
                form.add_error("topics", error.message)
            else:
                return _page(request, "manage", {"form": form, "token": token, "saved": True,
                                                 "subscriber": subscriber})  # fmt: skip
        return _page(request, "manage", {"form": form, "token": token, "subscriber": subscriber},
                     status=400)  # fmt: skip
    form = TopicsForm(initial=TopicsForm.initial_for(subscriber.topics()))
    return _page(request, "manage", {"form": form, "token": token, "subscriber": subscriber})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button; POST (the button, or a mail client's one-click request with
    `List-Unsubscribe=One-Click`) unsubscribes."""
    try:
        subscriber = subscriptions.subscriber_for_link(token)
    except InvalidLink as error:
        return _invalid(request, error)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return _page(request, "unsubscribed", {"token": token})
    already = subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return _page(request, "unsubscribe", {"token": token, "already": already})
