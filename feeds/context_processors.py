"""Feed autodiscovery: every HTML page links the site's feeds (views may add more)."""

from django.http import HttpRequest

from .links import site_feed_links


def feed_links(request: HttpRequest) -> dict:
    if request.path.startswith("/admin/"):
        return {}
    return {"feed_links": site_feed_links(base_url=request.build_absolute_uri("/"))}
