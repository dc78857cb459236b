"""A `SENDFILE_BACKEND` for a proxy that serves files after Django allowed them.

Django checks the request, then answers with `X-Accel-Redirect` naming an internal
location of the proxy (nginx's `internal;`), which sends the bytes. Used by Wagtail's
document serve view and by the media view alike (see docs/deploy.md).
"""

import os
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def sendfile(request: HttpRequest, filename: str, **kwargs) -> HttpResponse:
    relative = os.path.relpath(filename, settings.SENDFILE_ROOT)
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(settings.SENDFILE_URL + relative.replace(os.sep, "/"))
    return response
