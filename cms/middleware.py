"""Project middleware that applies the one rule for machine-readable URLs.

`MACHINE_READABLE_URLS` (a regex in settings) names the API, feeds, calendars, sitemap
and widget: gzip, the response cache, CORS and the CSP exclusion all read it.
"""

import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from news.templatetags.news_tags import FRAME_ORIGINS_ATTRIBUTE


def is_machine_readable(path: str) -> bool:
    return _machine_readable().search(path) is not None


_compiled: dict[str, re.Pattern] = {}


def _machine_readable() -> re.Pattern:
    pattern = settings.MACHINE_READABLE_URLS
    if pattern not in _compiled:
        _compiled[pattern] = re.compile(pattern)
    return _compiled[pattern]


class CompressMachineReadable(GZipMiddleware):
    """Gzip for machine-readable responses only.

    Compressing HTML pages that carry CSRF tokens invites BREACH; feeds and API responses
    hold no secrets, are large and are read by machines, so they gain the most.
    """

    def process_response(self, request, response):
        if not is_machine_readable(request.path):
            return response
        return super().process_response(request, response)


class SiteCSPMiddleware(CSPMiddleware):
    """A strict policy for public pages, Wagtail's needs for the admin, none for machines.

    Public pages run no inline script; the admin (and the previews it frames) keeps the
    'unsafe-inline' scripts and styles Wagtail still uses.
    """

    def process_response(self, request, response):
        if is_machine_readable(request.path):
            response._csp_exempt = True
        frame_origins = getattr(request, FRAME_ORIGINS_ATTRIBUTE, None)
        if frame_origins:  # a page with players: exactly their providers' frames
            response._csp_update = {"frame-src": sorted(frame_origins)}
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path.startswith(settings.ADMIN_URL_PREFIXES):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
