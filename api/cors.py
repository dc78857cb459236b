"""Who may read the API from a browser on another site.

Reads (GET, HEAD) of the public, anonymous API and feeds are open to every origin: any
partner page can show the widget without asking us first, and no cookie is ever sent or
accepted (no credentials). Writes (the newsletter subscription) stay limited to
CORS_ALLOWED_ORIGINS.
"""

from corsheaders.signals import check_request_enabled

READS = {"GET", "HEAD"}


def reads_are_open_to_every_origin(sender, request, **kwargs) -> bool:
    if request.method in READS:
        return True
    # A preflight before a read (a client adding a header) is a read too.
    asked = request.headers.get("Access-Control-Request-Method", "")
    return request.method == "OPTIONS" and asked.upper() in READS


def connect() -> None:
    check_request_enabled.connect(reads_are_open_to_every_origin, dispatch_uid="cors-reads")
