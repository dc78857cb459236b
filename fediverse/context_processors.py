"""The hub's fediverse account for every page: `<link rel="me">` in the head, so the site
and the account vouch for each other."""

from django.core.cache import cache
from django.http import HttpRequest

from . import addresses
from .models import Actor

HUB_URL_KEY = "fediverse:hub-actor-url"


def fediverse(request: HttpRequest) -> dict:
    url = cache.get(HUB_URL_KEY)
    if url is None:
        hub = Actor.objects.filter(project=None).values_list("username", flat=True).first()
        url = addresses.actor_url(hub) if hub else ""
        cache.set(HUB_URL_KEY, url, 3600)
    return {"fediverse_actor_url": url}
