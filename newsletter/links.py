"""Absolute addresses of the newsletter's pages, from the site's configured root."""

from django.urls import reverse

from wagtail.models import Site

from .tokens import confirmation_token, manage_token


def site_for_mail() -> Site:
    """Mails speak for the default site (the newsletter is the network's, not a host's)."""
    return Site.objects.select_related("root_page").get(is_default_site=True)


def _absolute(site: Site, name: str, token: str) -> str:
    return site.root_url + reverse(name, args=[token])


def confirm_url(site: Site, key: str, topics: list[str]) -> str:
    return _absolute(site, "newsletter:confirm", confirmation_token(key, topics))


def manage_url(site: Site, key: str) -> str:
    return _absolute(site, "newsletter:manage", manage_token(key))


def unsubscribe_url(site: Site, key: str) -> str:
    return _absolute(site, "newsletter:unsubscribe", manage_token(key))
