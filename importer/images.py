"""An archive's images brought into the image library, each once.

Every download goes through the river's fetch: the address guard (no private or local
addresses, however spelt), the deadline and a size cap (`IMPORT_MAX_IMAGE_BYTES`). What
arrives must be an image Pillow can read and Wagtail accepts; anything else is a warning
for that image, never the end of the story. An address met again, in this run or a later
one, is the library image made from it the first time (`ImportedImage`).
"""

import io
from posixpath import basename
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image as PILImage

from network.fetch import FetchError, fetch
from network.guard import Refused
from network.refresh import user_agent
from news.html_blocks import ImageRef
from news.image_credits import CREDIT_MAX_LENGTH, ImageCredit

from .models import ImportedImage

ACCEPT = "image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.8, */*;q=0.1"
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


class ImageProblem(Exception):
    """This one image could not be brought in (the story goes on without it)."""


class LibraryImages:
    """The images of one run: found in the library, or downloaded once."""

    def __init__(self, *, download: bool):
        self.download = download
        self.downloaded = 0
        self.reused = 0
        self.would_download = 0

    def get(self, ref: ImageRef):
        """The library image for `ref`, or None in a dry run when it would be downloaded."""
        known = ImportedImage.objects.select_related("image").filter(source_url=ref.src).first()
        if known is not None:
            self.reused += 1
            return known.image
        if not self.download:
            self.would_download += 1
            return None
        image = _download(ref)
        ImportedImage.objects.create(source_url=ref.src, image=image)
        self.downloaded += 1
        return image


def _download(ref: ImageRef):
    try:
        fetched = fetch(
            ref.src,
            user_agent=user_agent(),
            accept=ACCEPT,
            max_bytes=settings.IMPORT_MAX_IMAGE_BYTES,
        )
    except (FetchError, Refused) as error:
        raise ImageProblem(f"{ref.src}: {error}") from error
    extension = _image_format(fetched.body, ref.src)
    name = basename(urlsplit(ref.src).path).rsplit(".", 1)[0][:80] or "imported"
    image = get_image_model()(
        title=(ref.alt or name.replace("-", " ").replace("_", " "))[:255],
        description=ref.alt,
        file=ImageFile(io.BytesIO(fetched.body), name=f"{name}.{extension}"),
    )
    image.save()
    if ref.credit:
        ImageCredit.objects.create(image=image, credit=ref.credit[:CREDIT_MAX_LENGTH])
    return image


def _image_format(body: bytes, src: str) -> str:
    try:
        with PILImage.open(io.BytesIO(body)) as picture:
            picture.verify()
            kind = picture.format
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ImageProblem(f"{src}: not an image that can be read ({error})") from error
    if kind not in FORMATS:
        raise ImageProblem(f"{src}: {kind} images are not accepted")
    return FORMATS[kind]
