"""The OpenAPI description as JSON for machines, and as a page for people (rendered on
the server: no script, nothing from a CDN)."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from news.references import site_root_url

from .docs_page import operation_for_people
from .openapi import openapi_document

METHODS = ("get", "post")


@require_safe
def openapi_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document(), json_dumps_params={"separators": (",", ":")})
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
    return response


@require_safe
def api_index(request: HttpRequest) -> JsonResponse:
    """`/api/v2/`: every endpoint the OpenAPI description documents, by name, with the
    description and its docs, all absolute on the site's root."""
    root = site_root_url(request=request)
    endpoints: dict[str, str] = {}
    for path in sorted(openapi_document()["paths"], key=len):  # an endpoint's root first
        if "{" not in path and path.count("/") >= 4:
            endpoints.setdefault(path.split("/")[3], root + path)
    response = JsonResponse({
        "endpoints": endpoints,
        "openapi": f"{root}/api/v2/openapi.json",
        "docs": f"{root}/api/docs/",
    })  # fmt: skip
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
    return response


@require_safe
def api_docs(request: HttpRequest):
    document = openapi_document()
    root = site_root_url(request=request)
    operations = [
        operation_for_people(method, path, operation, root=root)
        for path, item in document["paths"].items()
        for method in METHODS
        if (operation := item.get(method))
    ]
    context = {
        "info": document["info"],
        "operations": operations,
        "blocks": document["components"]["schemas"]["BodyBlock"]["discriminator"]["mapping"],
    }
    return render(request, "api/docs.html", context)
