"""Archives read into ImportItems: a WordPress export (WXR), a full-content feed (RSS,
Atom or JSON Feed, read by the river's own safe parser) or an article page (its main
content found by trafilatura, the maintained extractor made for it).

Nothing here fetches: the caller hands over bytes it fetched through the address guard.
"""

import html
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from network.parse import ParseError, parse_feed
from network.xml_text import as_utf8, decode_xml
from news.html_blocks import ImageRef
from news.sanitize import safe_web_url
from news.text import html_as_text

from .items import ImportItem

# WordPress exports name their namespaces by version (1.0, 1.1, 1.2): matched by prefix.
WP = "http://wordpress.org/export/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
STORY_TYPES = {"post"}


class ArchiveError(Exception):
    """The whole source cannot be read (one bad item is reported, not raised)."""


def read_feed(body: bytes, *, url: str, content_type: str = "") -> list[ImportItem]:
    try:
        feed = parse_feed(body, url=url, content_type=content_type)
    except ParseError as error:
        raise ArchiveError(str(error)) from error
    return [
        ImportItem(
            original_url=item.link,
            title=item.title,
            html=item.content,
            published=item.published,
            summary=item.summary if item.summary and item.content else "",
            categories=list(item.categories),
            hero=ImageRef(item.image_url) if item.image_url else None,
        )
        for item in feed.items
    ]


def read_article(body: bytes, *, url: str) -> ImportItem:
    """One article page: its main content, title, date, description and image."""
    import trafilatura  # only when pages are imported: it adds ~0.2 s to every start

    page = body.decode("utf-8", errors="replace")
    content = trafilatura.extract(
        page,
        url=url,
        output_format="html",
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    if not content:
        return ImportItem(url, "", "", problem="no article found on the page")
    meta = trafilatura.extract_metadata(page, default_url=url)
    published = None
    if meta and meta.date:
        try:
            published = datetime.fromisoformat(meta.date).replace(tzinfo=UTC)
        except ValueError:
            published = None
    return ImportItem(
        original_url=url,
        title=(meta.title if meta else "") or "",
        html=content,
        published=published,
        summary=(meta.description if meta else "") or "",
        categories=list(meta.categories or []) if meta else [],
        tags=list(meta.tags or []) if meta else [],
        hero=ImageRef(safe_web_url(meta.image))
        if meta and safe_web_url(meta.image or "")
        else None,
    )


def read_wxr(body: bytes) -> list[ImportItem]:
    """The posts of a WordPress export, with their attachments' alt text and captions."""
    text = decode_xml(body)
    if "<!entity" in text.lower():
        raise ArchiveError("the export declares XML entities, which are not accepted")
    try:
        root = defusedxml.ElementTree.fromstring(as_utf8(text), forbid_dtd=True)
    except (DefusedXmlException, defusedxml.ElementTree.ParseError) as error:
        raise ArchiveError(f"not a WordPress export: {error}") from error
    channel = root.find("channel")
    if channel is None or not any(_is(child, WP, "wxr_version") for child in channel):
        raise ArchiveError("not a WordPress export (no wp:wxr_version)")
    attachments = {
        _wp(item, "post_id"): item
        for item in channel.iter("item")
        if _wp(item, "post_type") == "attachment"
    }
    details = {_wp(a, "attachment_url"): _attachment_image(a) for a in attachments.values()}
    items = []
    for item in channel.iter("item"):
        if _wp(item, "post_type") not in STORY_TYPES:
            continue
        hero_id = _meta(item, "_thumbnail_id")
        hero = attachments.get(hero_id)
        link = safe_web_url(_text(item, "link")) or safe_web_url(_text(item, "guid"))
        items.append(
            ImportItem(
                original_url=link,
                title=html.unescape(_text(item, "title")),
                html=_encoded(item, CONTENT),
                published=_wxr_date(item),
                summary=html_as_text(_encoded(item, WP)),  # excerpt:encoded
                categories=_terms(item, "category"),
                tags=_terms(item, "post_tag"),
                hero=_attachment_image(hero) if hero is not None else None,
                image_details={url: ref for url, ref in details.items() if url},
                problem="" if link else "the post has no address (link or guid)",
            )
        )
    return items


def _is(element, namespace: str, local: str) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.endswith("}" + local) and tag[1:].startswith(namespace)


def _wp(item, local: str) -> str:
    return next(((c.text or "").strip() for c in item if _is(c, WP, local)), "")


def _text(item, tag: str) -> str:
    found = item.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _encoded(item, namespace: str) -> str:
    """content:encoded (the body) or excerpt:encoded (the excerpt, namespaced under WP)."""
    for child in item:
        if _is(child, namespace, "encoded") and (namespace != WP or "excerpt" in child.tag):
            return child.text or ""
    return ""


def _meta(item, key: str) -> str:
    for meta in item:
        if _is(meta, WP, "postmeta") and _wp(meta, "meta_key") == key:
            return _wp(meta, "meta_value")
    return ""


def _terms(item, domain: str) -> list[str]:
    return [
        html.unescape((c.text or "").strip())
        for c in item.findall("category")
        if c.get("domain") == domain and (c.text or "").strip()
    ]


def _attachment_image(attachment) -> ImageRef:
    return ImageRef(
        src=safe_web_url(_wp(attachment, "attachment_url")),
        alt=_meta(attachment, "_wp_attachment_image_alt")[:250],
        caption=html_as_text(_encoded(attachment, WP))[:250],
    )


def _wxr_date(item) -> datetime | None:
    gmt = _wp(item, "post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(_text(item, "pubDate"))
    except (TypeError, ValueError):
        return None
