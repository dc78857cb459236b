"""Feed autodiscovery: every HTML page links the site's feeds (listings add their own)."""

from django.http import HttpRequest

from news.references import site_root_url

from .links import site_feed_links


def feed_links(request: HttpRequest) -> dict:
    if request.path.startswith("/admin/"):
        return {}
    return {"feed_links": site_feed_links(base_url=site_root_url(request=request))}
