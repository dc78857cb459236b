"""Everything a batch of news bodies points at, loaded in a fixed number of queries.

Serialising a StreamField block by block costs queries per image, per linked page and
per document; a listing of 100 stories would cost hundreds. This module reads the raw
block data of all the pages at once, loads each kind of target in one query, and turns
bodies into ready-to-render dicts with absolute URLs and sanitised HTML. The API and the
feeds both use it, so they describe a story the same way.
"""

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from .renditions import ALL_SPECS, BODY_RENDITIONS, HERO_RENDITIONS
from .sanitize import clean_html

_ID = re.compile(r"^\d{1,18}$")


def _as_id(value) -> int | None:
    text = str(value) if value is not None else ""
    return int(text) if _ID.match(text) else None


class BodyReferences:
    def __init__(self, pages: Iterable, *, base_url: str):
        from .selectors import visible_pages

        self.base_url = base_url.rstrip("/")
        page_ids, image_ids, document_ids = set(), set(), set()
        for page in pages:
            if getattr(page, "hero_image_id", None):
                image_ids.add(page.hero_image_id)
            for block in _raw_blocks(page):
                _collect(block, page_ids, image_ids, document_ids)

        self.page_urls: dict[int, str] = {}
        if page_ids:
            targets = visible_pages(Page.objects.filter(pk__in=page_ids), site=None).only(
                "pk", "url_path", "title", "depth", "path"
            )
            self.page_urls = {p.pk: p.get_full_url() for p in targets}
        image_model = get_image_model()
        self.images = (
            image_model.objects.filter(pk__in=image_ids).prefetch_renditions(*ALL_SPECS).in_bulk()
            if image_ids
            else {}
        )
        document_model = get_document_model()
        self.documents = document_model.objects.in_bulk(document_ids) if document_ids else {}
        self._renditions: dict[tuple[int, str], dict] = {}

    def absolute(self, url: str) -> str:
        if url.startswith("/") and not url.startswith("//"):
            return self.base_url + url  # the common case, without urljoin's parsing
        return urljoin(self.base_url + "/", url)

    def image(self, image_id, specs: dict[str, str]) -> dict | None:
        image = self.images.get(_as_id(image_id))
        if image is None:
            return None
        renditions = {name: self._rendition(image, spec) for name, spec in specs.items()}
        return {
            "id": image.pk,
            "title": image.title,
            "width": image.width,
            "height": image.height,
            "renditions": renditions,
        }

    def _rendition(self, image, spec: str) -> dict:
        """An image used many times in a batch is looked up once per size."""
        key = (image.pk, spec)
        if key not in self._renditions:
            rendition = image.get_rendition(spec)
            self._renditions[key] = {
                "url": self.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        return dict(self._renditions[key])

    def hero(self, page) -> dict | None:
        data = self.image(page.hero_image_id, HERO_RENDITIONS)
        if data is None:
            return None
        return {**data, "alt": page.hero_alt_text, "caption": page.hero_caption}

    def document(self, document_id) -> dict | None:
        document = self.documents.get(_as_id(document_id))
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "url": self.absolute(document.url),
            "file_extension": document.file_extension,
        }

    def rich_text(self, html: str) -> str:
        """Wagtail's stored rich text as display HTML: links resolved, unsafe markup gone."""

        def link(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1))
            linktype = attrs.get("linktype")
            if linktype == "page":
                url = self.page_urls.get(_as_id(attrs.get("id")))
            elif linktype == "document":
                document = self.document(attrs.get("id"))
                url = document and document["url"]
            else:
                return match.group(0)
            return f'<a href="{escape(url)}">' if url else "<a>"

        def embed(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image":
                image = self.image(attrs.get("id"), BODY_RENDITIONS)
                if image is None:
                    return ""
                body = image["renditions"]["body"]
                return (
                    f'<img src="{escape(body["url"])}" alt="{escape(attrs.get("alt", ""))}" '
                    f'width="{body["width"]}" height="{body["height"]}">'
                )
            if attrs.get("embedtype") == "media" and attrs.get("url"):
                url = escape(attrs["url"])
                return f'<a href="{url}">{url}</a>'
            return ""

        expanded = FIND_EMBED_TAG.sub(embed, FIND_A_TAG.sub(link, html or ""))
        return clean_html(expanded, base_url=self.base_url)

    def body(self, page) -> list[dict]:
        """The body as a list of {type, id, value} dicts, every block ready to render."""
        blocks = []
        for block in _raw_blocks(page):
            value = self._block_value(block.get("type"), block.get("value"))
            if value is not None:
                blocks.append({"type": block["type"], "id": block.get("id"), "value": value})
        return blocks

    def _block_value(self, block_type: str, value):
        if block_type == "paragraph":
            return self.rich_text(value)
        if not isinstance(value, dict):
            return None
        if block_type == "heading":
            level = value.get("level") if value.get("level") in {"h2", "h3"} else "h2"
            return {"text": value.get("text", ""), "level": level}
        if block_type == "image":
            image = self.image(value.get("image"), BODY_RENDITIONS)
            if image is None:
                return None
            return {
                "image": image,
                "alt_text": value.get("alt_text", ""),
                "caption": value.get("caption", ""),
                "credit": value.get("credit", ""),
            }
        if block_type == "quote":
            return {"text": value.get("text", ""), "attribution": value.get("attribution", "")}
        if block_type == "embed":
            return {"url": value.get("url", ""), "title": value.get("title", "")}
        if block_type == "call_to_action":
            page_id = _as_id(value.get("page"))
            url = self.page_urls.get(page_id) if page_id else value.get("url", "")
            if not url:
                return None
            return {"label": value.get("label", ""), "url": url, "page_id": page_id}
        if block_type == "document":
            document = self.document(value.get("document"))
            if document is None:
                return None
            return {"document": document, "title": value.get("title") or document["title"]}
        return None


def _raw_blocks(page) -> list[dict]:
    body = getattr(page, "body", None)
    if body is None:
        return []
    return [dict(block) for block in body.raw_data]


def _collect(block: dict, page_ids: set, image_ids: set, document_ids: set) -> None:
    block_type, value = block.get("type"), block.get("value")
    if block_type == "paragraph" and isinstance(value, str):
        for match in FIND_A_TAG.finditer(value):
            attrs = extract_attrs(match.group(1))
            target = _as_id(attrs.get("id"))
            if target is None:
                continue
            if attrs.get("linktype") == "page":
                page_ids.add(target)
            elif attrs.get("linktype") == "document":
                document_ids.add(target)
        for match in FIND_EMBED_TAG.finditer(value):
            attrs = extract_attrs(match.group(1))
            if attrs.get("embedtype") == "image" and _as_id(attrs.get("id")):
                image_ids.add(_as_id(attrs.get("id")))
    elif isinstance(value, dict):
        if block_type == "image" and _as_id(value.get("image")):
            image_ids.add(_as_id(value.get("image")))
        elif block_type == "call_to_action" and _as_id(value.get("page")):
            page_ids.add(_as_id(value.get("page")))
        elif block_type == "document" and _as_id(value.get("document")):
            document_ids.add(_as_id(value.get("document")))
