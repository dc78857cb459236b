"""The confirmation mail of double opt-in, sent by the worker (a request never waits for
a mail server, and takes as long for a known address as for a new one)."""

from django.conf import settings
from django.core.mail import get_connection

from django_tasks import task

from home.models import SiteSettings

from .links import confirm_url, manage_url, site_for_mail
from .mail import message, render_mail
from .models import NewsletterSettings, Subscriber
from .wording import current_wording


@task()
def send_confirmation(subscriber_id: int, topics: list[str]) -> str:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:  # erased meanwhile
        return "gone"
    site = site_for_mail()
    organisation = SiteSettings.for_site(site).organisation
    context = {
        "organisation": organisation,
        "confirm_url": confirm_url(site, str(subscriber.key), topics),
        "manage_url": manage_url(site, str(subscriber.key)),
        "already_confirmed": subscriber.status == Subscriber.Status.CONFIRMED,
        "hours": settings.NEWSLETTER_CONFIRM_HOURS,
        "wording": current_wording(),
        "topics": topics,
        "site_url": site.root_url + "/",
        "postal_address": NewsletterSettings.load().postal_address,
    }
    rendered = render_mail("confirm", context, f"Confirm your subscription to {organisation}")
    with get_connection() as connection:
        connection.send_messages([message(rendered, to=subscriber.email)])
    return "sent"
