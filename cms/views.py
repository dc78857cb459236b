"""Error pages that need nothing that might be down."""

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string

UNAVAILABLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body><h1>Temporarily unavailable</h1>
<p>The site cannot reach its database just now. Please try again in a minute.</p></body></html>
"""


def api_not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Not found."}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called while the exception is being handled: a database that
    cannot be reached is a 503 with a plain page (no template, no query), not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = HttpResponse(UNAVAILABLE, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
