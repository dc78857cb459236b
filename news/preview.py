"""Headless preview: the editor's unsaved page, handed to a decoupled frontend by token.

When `FRONTEND_PREVIEW_URL` is set, pressing Preview stores the page's unsaved state in
the cache under a random, short-lived token and sends the preview pane to the frontend
with that token; the frontend reads the draft from `/api/v2/preview/?token=…` (the API
answers it in the shape of a published page's detail). A token reads exactly one page's
draft and expires after `PREVIEW_TOKEN_SECONDS`. Without a frontend URL, Wagtail previews
the reference templates as usual.
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.http import urlencode

KEY_PREFIX = "preview:"
MAX_TOKEN_LENGTH = 100


class HeadlessPreviewMixin:
    """For page models: Preview opens the decoupled frontend when one is configured."""

    def serve_preview(self, request, mode_name):
        if settings.FRONTEND_PREVIEW_URL:
            return frontend_preview_response(self)
        return super().serve_preview(request, mode_name)


def frontend_preview_response(page) -> HttpResponseRedirect:
    token = secrets.token_urlsafe(32)
    cache.set(
        KEY_PREFIX + token,
        {"model": page._meta.label_lower, "data": page.serializable_data()},
        timeout=settings.PREVIEW_TOKEN_SECONDS,
    )
    query = urlencode({"token": token, "content_type": page._meta.label_lower})
    return HttpResponseRedirect(f"{settings.FRONTEND_PREVIEW_URL}?{query}")


def page_for_token(token: str):
    """The unsaved page a token stands for, or None if unknown or expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    payload = cache.get(KEY_PREFIX + token)
    if payload is None:
        return None
    model = apps.get_model(payload["model"])
    return model.from_serializable_data(payload["data"], check_fks=True, strict_fks=False)
