"""Partner feeds (RSS, Atom, JSON Feed) read into plain items, safely.

XML is read only without a DTD's entities: the document is decoded as a parser would
decode it (UTF-8, -16 or -32, with or without a byte order mark or declaration), and one
that declares any entity (the "billion laughs" expansion bomb, external entities that
read files or URLs) is refused before a parser expands anything; feedparser then reads
that same text, re-encoded as UTF-8, from memory and never touches the network. Parsing
is bounded by the fetch's size cap and MAX_ITEMS.

A partner's title and summary are plain text (tags dropped, entities read): outputs make
them HTML only by escaping. Only its content is HTML, and that goes through the site's one
sanitiser, its addresses made absolute against the item's own link.
"""

import hashlib
import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from news.sanitize import clean_html, safe_web_url
from news.text import html_as_text, strip_xml_illegal

from .xml_text import as_utf8, decode_xml

MAX_ITEMS = 200
SUMMARY_CHARACTERS = 500


class ParseError(Exception):
    pass


@dataclass(frozen=True)
class ParsedItem:
    original_id: str
    link: str
    title: str
    summary: str
    content: str
    image_url: str
    categories: tuple[str, ...]
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: tuple[ParsedItem, ...]


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    if body.lstrip()[:1] == b"{" or "json" in content_type.lower():
        return _json_feed(body, url)
    document = _without_entities(body)
    parsed = feedparser.parse(
        document,
        response_headers={"content-location": url, "content-type": "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise ParseError(f"not a feed: {parsed.get('bozo_exception', 'no entries')}")
    base = parsed.feed.get("link") or url
    # Atom says whether a title, summary or content is text or HTML; RSS does not, and
    # its titles and descriptions are read as HTML, as feed readers do.
    typed = parsed.get("version", "").startswith("atom")
    items = [_xml_item(entry, base, typed=typed) for entry in parsed.entries[:MAX_ITEMS]]
    return ParsedFeed(html_as_text(parsed.feed.get("title", "")), _unique(items))


def _without_entities(body: bytes) -> bytes:
    """The document as UTF-8 bytes, or ParseError when it declares entities."""
    text = decode_xml(body)
    if "\x00" in text:  # no XML holds a NUL: an encoding this reading did not recognise
        raise ParseError("not a feed: an encoding that could not be recognised")
    if "<!entity" in text.lower():
        raise ParseError("the feed declares XML entities, which are not accepted")
    document = as_utf8(text)
    try:
        defusedxml.ElementTree.fromstring(
            document, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        raise ParseError(f"unsafe XML: {type(error).__name__}") from error
    except defusedxml.ElementTree.ParseError:
        pass  # broken XML, but no entities: feedparser's lenient reading may cope
    return document


def _xml_item(entry, base: str, *, typed: bool) -> ParsedItem | None:
    link = _absolute(base, entry.get("link"))
    if entry.get("content"):
        content = _as_html(entry.content[0], typed=typed)
    else:
        content = _as_html(entry.get("summary_detail") or {}, typed=typed)
    media = entry.get("media_content", [])
    enclosures = entry.get("enclosures", [])
    images = [
        *(m.get("url") for m in entry.get("media_thumbnail", [])),
        *(m.get("url") for m in media if m.get("medium") == "image"),
        *(e.get("href") for e in enclosures if e.get("type", "").startswith("image/")),
    ]
    return _item(
        original_id=entry.get("id", ""),
        link=link,
        title=_as_text(entry.get("title_detail") or {}, typed=typed),
        summary=_as_text(entry.get("summary_detail") or {}, typed=typed),
        content=content,
        image=next((i for i in images if i), ""),
        categories=[t.get("term", "") for t in entry.get("tags", [])],
        # dict.get: feedparser's own get() maps a missing `updated` to `published`, warning.
        published=_struct_time(
            dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        ),
        updated=_struct_time(
            dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
        ),
    )


def _is_text(detail, *, typed: bool) -> bool:
    return typed and detail.get("type") == "text/plain"


def _as_text(detail, *, typed: bool) -> str:
    """Plain text of a title or summary: declared text kept as it is, HTML read as text."""
    value = str(detail.get("value") or "")
    return _plain(value) if _is_text(detail, typed=typed) else html_as_text(value)


def _as_html(detail, *, typed: bool) -> str:
    """HTML of a content or summary: declared text escaped, HTML as it is (sanitised later)."""
    value = str(detail.get("value") or "")
    return html.escape(value) if _is_text(detail, typed=typed) else value


def _json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ParseError(f"not JSON: {error}") from error
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise ParseError("not a JSON Feed")
    base = data.get("home_page_url") or url
    items = []
    for raw in (data.get("items") or [])[:MAX_ITEMS]:
        if not isinstance(raw, dict):
            continue
        link = _absolute(str(base), raw.get("url") or raw.get("external_url"))
        items.append(
            _item(
                original_id=str(raw.get("id") or ""),
                link=link,
                title=_plain(str(raw.get("title") or "")),
                summary=_plain(str(raw.get("summary") or "")),
                content=str(raw.get("content_html") or _escaped(raw.get("content_text"))),
                image=str(raw.get("image") or raw.get("banner_image") or ""),
                categories=[str(t) for t in raw.get("tags") or [] if isinstance(t, str)],
                published=_iso(raw.get("date_published") or raw.get("date_modified")),
                updated=_iso(raw.get("date_modified") or raw.get("date_published")),
            )
        )  # fmt: skip
    return ParsedFeed(html_as_text(str(data.get("title") or "")), _unique(items))


def _absolute(base: str, link) -> str:
    """The item's own address, made absolute; '' when it gives none (never the feed's)."""
    if not isinstance(link, str) or not link.strip():
        return ""
    return safe_web_url(urljoin(base, link.strip()))


def _escaped(text) -> str:
    return html.escape(str(text or ""))


def _item(*, original_id, link, title, summary, content, image, categories, published, updated):
    """An item from plain-text title and summary and HTML content (sanitised here)."""
    if not link:
        return None  # an item that links nowhere cannot be credited to its original
    title = title[:500]
    summary_text = summary or html_as_text(content)
    original_id = original_id.strip()[:500] or (
        "sha256:" + hashlib.sha256(f"{link}\n{title}".encode()).hexdigest()
    )
    return ParsedItem(
        original_id=original_id,
        link=link[:2000],
        title=title or summary_text[:80] or "(untitled)",
        summary=_shorten(summary_text),
        content=clean_html(content, base_url=link),
        image_url=safe_web_url(urljoin(link, image))[:2000] if image else "",
        categories=tuple(c.strip()[:100] for c in categories if c and c.strip())[:10],
        published=published,
        updated=updated,
    )


def _unique(items) -> tuple[ParsedItem, ...]:
    """One item per id; a feed that repeats an id keeps its first (newest) copy."""
    seen: dict[str, ParsedItem] = {}
    for item in items:
        if item is not None and item.original_id not in seen:
            seen[item.original_id] = item
    return tuple(seen.values())


def _plain(text: str) -> str:
    """Text that is text already: only control characters and runs of spaces go."""
    return " ".join(strip_xml_illegal(text).split())


def _shorten(text: str) -> str:
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def _struct_time(value) -> datetime | None:
    try:
        return datetime(*value[:6], tzinfo=UTC) if value else None
    except (TypeError, ValueError):
        return None


def _iso(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
