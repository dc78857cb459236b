"""Everything a batch of pages points at, loaded in a fixed number of queries.

Turning a StreamField into Python values costs queries per block type per page; a listing
of 100 stories would cost hundreds. Instead, each page and block says which pages,
images and documents it needs (`collect_references`), this module loads each kind in
one query, and blocks build their representation from the loaded maps. Only what readers
may see is loaded: links to unpublishable pages lose their href, and images or documents
in private collections are left out, so no output can print them.
"""

import mimetypes
import re
from collections.abc import Iterable
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import quote, urljoin

from django.conf import settings
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .embeds import cached_embeds
from .image_credits import default_credit
from .renditions import (
    ALL_SPECS,
    BODY_RENDITIONS,
    ENCLOSURE_SPEC,
    HERO_SOURCE_SIZES,
    MODERN_FORMATS,
    file_sizes,
    modern_spec,
)
from .sanitize import clean_html, safe_url
from .visibility import public_media, publishable

_ID = re.compile(r"^\d{1,18}$")


@lru_cache(maxsize=64)
def parsed_filter(spec: str) -> Filter:
    """Rendition specs are parsed once per process, not once per image and request."""
    return Filter(spec=spec)


def as_id(value) -> int | None:
    """An id a database can hold, or None for anything else stored in a block."""
    text = str(value) if value is not None else ""
    return int(text) if _ID.match(text) else None


class Wanted:
    """Ids of the pages, images and documents a batch points at, gathered before loading."""

    def __init__(self):
        self.pages: set[int] = set()
        self.images: set[int] = set()
        self.documents: set[int] = set()
        self.embeds: set[str] = set()

    def page(self, value) -> None:
        if (target := as_id(value)) is not None:
            self.pages.add(target)

    def image(self, value) -> None:
        if (target := as_id(value)) is not None:
            self.images.add(target)

    def document(self, value) -> None:
        if (target := as_id(value)) is not None:
            self.documents.add(target)

    def embed(self, url) -> None:
        if url and isinstance(url, str):
            self.embeds.add(url)

    def rich_text(self, html: str) -> None:
        for kind, target in _REFERENCE_EXTRACTOR.extract_references(html or ""):
            getattr(self, kind)(target)


_REFERENCE_EXTRACTOR = MultiRuleRewriter(
    [
        LinkRewriter(
            reference_extractors={
                "page": lambda attrs: [("page", attrs.get("id"))],
                "document": lambda attrs: [("document", attrs.get("id"))],
            }
        ),
        EmbedRewriter(reference_extractors={"image": lambda attrs: [("image", attrs.get("id"))]}),
    ]
)


class References:
    """The loaded targets of a batch, and the helpers blocks use to represent themselves."""

    def __init__(self, wanted: Wanted, *, base_url: str, specs: tuple[str, ...] = ALL_SPECS):
        self.base_url = base_url.rstrip("/")
        # Wagtail keeps the sites' root paths on this object for the whole batch, instead
        # of asking the cache again for every URL (see Page.get_url_parts).
        self.url_cache = SimpleNamespace()
        self.page_urls: dict[int, str] = {}
        if wanted.pages:
            targets = publishable(Page.objects.filter(pk__in=wanted.pages), site=None).only(
                "pk", "url_path", "title", "depth", "path"
            )
            self.page_urls = {page.pk: self.full_url(page) for page in targets}
        self.images = (
            public_media(get_image_model().objects.filter(pk__in=wanted.images))
            .select_related("default_credit")
            .prefetch_renditions(*specs)
            .in_bulk()
            if wanted.images
            else {}
        )
        self.documents = (
            public_media(get_document_model().objects.filter(pk__in=wanted.documents)).in_bulk()
            if wanted.documents
            else {}
        )
        self.embeds = cached_embeds(wanted.embeds)
        self._rendition_sets: dict[tuple, dict[str, dict]] = {}
        self._enclosure_sizes: dict[str, int] | None = None
        self._document_data: dict[int, dict] = {}
        self._link_rewriter = LinkRewriter(
            rules={"page": self._page_link, "document": self._document_link}
        )
        self._embed_rewriter = EmbedRewriter(
            rules={"image": self._image_embed, "media": self._media_embed}
        )

    @classmethod
    def for_pages(
        cls, pages: Iterable, *, base_url: str, specs: tuple[str, ...] = ALL_SPECS
    ) -> "References":
        """Load what every page in `pages` points at (each page says what via its model),
        with the images' renditions of `specs` (every size by default; a feed needs two,
        and loading all of them made a third of a cold feed's rows)."""
        wanted = Wanted()
        for page in pages:
            page.collect_references(wanted)
        return cls(wanted, base_url=base_url, specs=specs)

    def full_url(self, page) -> str:
        return page.get_full_url(self.url_cache)

    def absolute(self, url: str) -> str:
        if url.startswith("/") and not url.startswith("//"):
            return self.base_url + url  # the common case, without urljoin's parsing
        return urljoin(self.base_url + "/", url)

    def media_url(self, name: str) -> str:
        """Files are always printed under MEDIA_URL, where the media view checks access."""
        return self.absolute(settings.MEDIA_URL + quote(name))

    def url(self, value: str) -> str:
        """An editor-typed address, absolute and on the scheme allow-list, or ''."""
        return safe_url(value, base_url=self.base_url)

    def page_url(self, value) -> str | None:
        return self.page_urls.get(as_id(value))

    def alt_text(self, value, given: str) -> str:
        """`given`, else the image's own description: its default alt text in the image
        library, written once and reused wherever the image is used."""
        image = self.images.get(as_id(value))
        return given or (image.description.strip() if image is not None else "")

    def credit(self, value, given: str) -> str:
        """`given`, else the image's own credit from the image library."""
        image = self.images.get(as_id(value))
        return given or (default_credit(image) if image is not None else "")

    def image(self, value, specs: dict[str, str]) -> dict | None:
        image = self.images.get(as_id(value))
        if image is None:
            return None
        return {
            "id": image.pk,
            "title": image.title,
            "width": image.width,
            "height": image.height,
            "renditions": self._renditions(image, specs),
        }

    def _renditions(self, image, specs: dict[str, str]) -> dict[str, dict]:
        """One pass over the image's prefetched renditions per set of sizes; an image used
        many times in a batch is looked up once."""
        key = (image.pk, tuple(specs.items()))
        if key not in self._rendition_sets:
            found = image.get_renditions(*(parsed_filter(spec) for spec in specs.values()))
            self._rendition_sets[key] = {
                name: {
                    "url": self.media_url(found[spec].file.name),
                    "width": found[spec].width,
                    "height": found[spec].height,
                }
                for name, spec in specs.items()
            }
        return {name: dict(rendition) for name, rendition in self._rendition_sets[key].items()}

    def enclosure(self, value) -> dict | None:
        """A feed's image for a story: its social-crop rendition (made on publish), with
        the byte length and type feeds state; the sizes of a whole batch read at once."""
        rendition = self._prefetched_rendition(self.images.get(as_id(value)), ENCLOSURE_SPEC)
        if rendition is None:
            return None
        if self._enclosure_sizes is None:
            renditions = (
                self._prefetched_rendition(i, ENCLOSURE_SPEC) for i in self.images.values()
            )
            self._enclosure_sizes = file_sizes(r.file for r in renditions if r is not None)
        name = rendition.file.name
        return {
            "url": self.media_url(name),
            "length": self._enclosure_sizes.get(name, 0),
            "mime_type": mimetypes.guess_type(name)[0] or "application/octet-stream",
        }

    def hero_sources(self, value) -> list[dict]:
        """`<source>`s for a hero in modern formats: {type, srcset} from the renditions the
        worker has made (never made here: pages do not write)."""
        image = self.images.get(as_id(value))
        sources = []
        for fmt, mime_type in MODERN_FORMATS:
            candidates = []
            for width, height in HERO_SOURCE_SIZES:
                rendition = self._prefetched_rendition(image, modern_spec(fmt, width, height))
                if rendition is not None:
                    candidates.append(f"{self.media_url(rendition.file.name)} {rendition.width}w")
            if len(candidates) == len(HERO_SOURCE_SIZES):
                sources.append({"type": mime_type, "srcset": ", ".join(candidates)})
        return sources

    @staticmethod
    def _prefetched_rendition(image, spec: str):
        """The image's rendition of `spec` if it was prefetched, without making one."""
        prefetched = getattr(image, "prefetched_renditions", None) or ()
        return next((r for r in prefetched if r.filter_spec == spec), None)

    def document(self, value) -> dict | None:
        document = self.documents.get(as_id(value))
        if document is None:
            return None
        if document.pk not in self._document_data:
            self._document_data[document.pk] = {
                "id": document.pk,
                "title": document.title,
                "url": self.absolute(document.url),
                "file_extension": document.file_extension,
                # Measured on upload or on publish (news.signals), never here: reads
                # do not write. None until then.
                "file_size": document.file_size,
                "mime_type": mimetypes.guess_type(document.filename)[0]
                or "application/octet-stream",
            }
        return dict(self._document_data[document.pk])

    def embed(self, url: str) -> dict:
        """What the provider says about a media address, once the worker has asked it:
        its name and a thumbnail (on the allowed schemes), else empty."""
        embed = self.embeds.get(url)
        if embed is None:
            return {"provider": "", "thumbnail_url": None}
        thumbnail = safe_url(embed.thumbnail_url or "", base_url=self.base_url)
        return {"provider": embed.provider_name or "", "thumbnail_url": thumbnail or None}

    def rich_text(self, html: str) -> str:
        """Stored rich text as display HTML: links resolved or dead, unsafe markup gone.

        Wagtail's rewriters are skipped when the text holds nothing for them (most
        paragraphs); the sanitiser runs on everything.
        """
        html = html or ""
        if "linktype=" in html:
            html = self._link_rewriter(html)
        if "<embed" in html:
            html = self._embed_rewriter(html)
        return clean_html(html, base_url=self.base_url)

    def _page_link(self, attrs: dict) -> str:
        url = self.page_url(attrs.get("id"))
        return f'<a href="{escape(url)}">' if url else "<a>"

    def _document_link(self, attrs: dict) -> str:
        document = self.document(attrs.get("id"))
        return f'<a href="{escape(document["url"])}">' if document else "<a>"

    def _image_embed(self, attrs: dict) -> str:
        image = self.image(attrs.get("id"), BODY_RENDITIONS)
        if image is None:
            return ""
        body = image["renditions"]["body"]
        return (
            f'<img src="{escape(body["url"])}" alt="{escape(attrs.get("alt", ""))}" '
            f'width="{body["width"]}" height="{body["height"]}">'
        )

    def _media_embed(self, attrs: dict) -> str:
        url = self.url(attrs.get("url", ""))
        return f'<a href="{escape(url)}">{escape(url)}</a>' if url else ""


def default_site() -> Site | None:
    """The default site (with its root page), which network-wide outputs speak for."""
    return Site.objects.select_related("root_page").filter(is_default_site=True).first()


def site_root_url(*, page=None, request=None) -> str:
    """The configured root URL of the site being rendered, never the request's own host.

    The page's site first, then the request's (a never-saved page in preview), then the
    default site: every absolute URL in one answer starts with the same root.
    """
    site = page.get_site() if page is not None else None
    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is None:
        site = default_site()
    return site.root_url if site else settings.PUBLIC_BASE_URL
