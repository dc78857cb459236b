"""Every uploaded file under MEDIA_URL, served only to whom may see it.

Images in a collection with a view restriction (and their renditions) are answered 404
to anyone the restriction does not accept, exactly like a file that does not exist; the
admin's editors see them. Document files are never served here: Wagtail's document view
(`/documents/<id>/<name>`) serves them after its own checks. Files are delivered through
Wagtail's sendfile layer: streamed by Django (the default), or handed to the proxy with
`X-Accel-Redirect` (`MEDIA_ACCEL_REDIRECT_PREFIX`); on remote storage, a redirect to the
storage's (signed) URL.
"""

import mimetypes
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.sendfile import sendfile

from news.visibility import in_public_collection

from .versions import versioned_key

PUBLIC_MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class Owner:
    public: bool
    collection_id: int


def file_owner(name: str) -> Owner | None:
    """Which image a stored file belongs to (original or rendition), and whether it is
    public; cached per content version (collections and restrictions bump it)."""
    key = versioned_key("media-owner", name)
    found = cache.get(key)
    if found is None:
        found = _lookup(name) or "missing"
        cache.set(key, found, settings.RESPONSE_CACHE_SECONDS)
    return None if found == "missing" else found


def _lookup(name: str) -> Owner | None:
    images = get_image_model().objects.annotate(
        public=ExpressionWrapper(in_public_collection(), output_field=BooleanField())
    )
    if name.startswith("original_images/"):
        image = images.filter(file=name).values("public", "collection_id").first()
    elif name.startswith("images/"):
        image = images.filter(renditions__file=name).values("public", "collection_id").first()
    else:
        image = None  # documents and anything else: not served here
    return Owner(image["public"], image["collection_id"]) if image else None


def may_see(request: HttpRequest, owner: Owner) -> bool:
    if owner.public:
        return True
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return True  # editors see every image in the admin's listings and choosers
    collection = Collection.objects.get(pk=owner.collection_id)
    return all(r.accept_request(request) for r in collection.get_view_restrictions())


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    name = posixpath.normpath(path)
    if name != path or name.startswith(("..", "/")):
        raise Http404("not found")
    owner = file_owner(name)
    if owner is None or not may_see(request, owner):
        raise Http404("not found")
    response = _deliver(request, name)
    if owner.public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _deliver(request: HttpRequest, name: str) -> HttpResponse:
    try:
        local_path = default_storage.path(name)
    except NotImplementedError:
        return HttpResponseRedirect(default_storage.url(name))
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return sendfile(request, local_path, mimetype=mimetype, attachment_filename=False)
