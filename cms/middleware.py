"""Project middleware: unreadable requests refused, and the one rule for
machine-readable URLs (delivery.machine_readable) applied to gzip and the CSP.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.gzip import GZipMiddleware

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from delivery.machine_readable import is_machine_readable
from news.templatetags.news_tags import FRAME_ORIGINS_ATTRIBUTE


class RefuseUnreadableRequests:
    """A NUL byte is refused before any view: in the path it is a 404 (no address holds
    one), in a parameter a 400 naming the parameter; JSON under /api/, text elsewhere. No
    database stores a NUL (PostgreSQL refused one with an error that became a 503)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return self._refuse(request, 404, "No page has an address holding a NUL byte.")
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                label = name.replace("\x00", "")[:50] or "parameter"
                return self._refuse(request, 400, f"{label}: a NUL byte is not allowed.")
        return self.get_response(request)

    @staticmethod
    def _refuse(request, status: int, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"message": message}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


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
        html = response.get("Content-Type", "").startswith("text/html")
        if is_machine_readable(request.path) and not html:  # /feeds/ is a page: it gets one
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
