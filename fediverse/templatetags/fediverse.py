"""`{% fediverse_rel_me %}`: the hub's fediverse account named in a page's head
(`<link rel="me">`), so the site and the account vouch for each other. Site pages only:
the admin never asks."""

from django import template
from django.core.cache import cache
from django.utils.html import format_html

from fediverse import addresses
from fediverse.models import Actor

register = template.Library()
HUB_URL_KEY = "fediverse:hub-actor-url"


@register.simple_tag
def fediverse_rel_me() -> str:
    url = cache.get(HUB_URL_KEY)
    if url is None:
        hub = Actor.objects.filter(project=None).values_list("username", flat=True).first()
        url = addresses.actor_url(hub) if hub else ""
        cache.set(HUB_URL_KEY, url, 3600)
    return format_html('<link rel="me" href="{}">', url) if url else ""
