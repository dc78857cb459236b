"""Who may read the API from a browser on another site.

Reads (GET, HEAD) of the machine-readable URLs (the public, anonymous API, feeds,
calendars, the widget) are open to every origin: any partner page can show the widget
without asking us first, and no cookie is ever sent or accepted (no credentials). Nothing
else (the admin, HTML pages) answers with CORS headers: django-cors-headers enables CORS
for any request this handler approves, whatever CORS_URLS_REGEX says. Writes (the
newsletter subscription) stay limited to CORS_ALLOWED_ORIGINS.
"""

from corsheaders.signals import check_request_enabled

from delivery.machine_readable import is_machine_readable

READS = {"GET", "HEAD"}


def reads_are_open_to_every_origin(sender, request, **kwargs) -> bool:
    if not is_machine_readable(request.path):
        return False
    if request.method in READS:
        return True
    # A preflight before a read (a client adding a header) is a read too.
    asked = request.headers.get("Access-Control-Request-Method", "")
    return request.method == "OPTIONS" and asked.upper() in READS


def connect() -> None:
    check_request_enabled.connect(reads_are_open_to_every_origin, dispatch_uid="cors-reads")
