"""Feed documents from entries: pure functions, no requests, caches or database.

feedgen writes RSS 2.0 and Atom 1.0; JSON Feed 1.1 is written from the same entries.
Everything that would make output vary between two renders (feedgen's default of
"now" for updated dates, entry order) is set explicitly, so the same entries always
give the same bytes.
"""

import html
import json
from dataclasses import dataclass, field
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree

from news.text import strip_xml_illegal

GENERATOR = "Magnet Network Updates (feedgen)"
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class FeedCategory:
    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime_type: str


@dataclass(frozen=True)
class EntrySource:
    """Where an aggregated entry came from (Atom `source`, RSS `source`, JSON `_source`),
    so that aggregators downstream can credit it and deduplicate."""

    title: str
    feed_url: str
    home_url: str
    updated: datetime | None = None  # when the source last changed (Atom needs one)


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    content_html: str
    categories: tuple[FeedCategory, ...] = ()
    image: Enclosure | None = None
    source: EntrySource | None = None
    rights: str = ""  # the entry's own rights or funding line (EU acknowledgements)


@dataclass(frozen=True)
class FeedMeta:
    id: str
    title: str
    description: str
    self_url: str
    home_url: str
    language: str
    author: str
    rights: str
    updated: datetime
    logo_url: str = ""
    icon_url: str = ""
    hub_url: str = ""  # WebSub hub; empty: no hub link
    entries: tuple[FeedEntry, ...] = field(default_factory=tuple)


def _clean(text: str) -> str:
    return strip_xml_illegal(text or "")


def _generator(meta: FeedMeta, *, self_type: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(meta.id)
    fg.title(_clean(meta.title))
    fg.subtitle(_clean(meta.description) or _clean(meta.title))
    fg.link(href=meta.self_url, rel="self", type=self_type)
    fg.link(href=meta.home_url, rel="alternate", type="text/html")
    if meta.hub_url:
        fg.link(href=meta.hub_url, rel="hub")
    fg.language(meta.language)
    fg.author({"name": _clean(meta.author)})
    if meta.rights:
        fg.rights(_clean(meta.rights))
    if meta.logo_url:
        fg.logo(meta.logo_url)
    if meta.icon_url:
        fg.icon(meta.icon_url)
    fg.generator(GENERATOR)
    fg.updated(meta.updated)
    fg.lastBuildDate(meta.updated)
    for entry in meta.entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.guid(entry.id, permalink=False)
        fe.title(_clean(entry.title))
        fe.link(href=entry.url, rel="alternate", type="text/html")
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.summary(_clean(entry.summary))
        # RSS readers take a description for HTML; a summary is text, so it is escaped.
        fe.description(html.escape(_clean(entry.summary), quote=False))
        fe.content(_clean(entry.content_html), type="html")
        author = _clean(entry.source.title if entry.source else meta.author)
        fe.author({"name": author})
        fe.dc.dc_creator(author)
        if entry.source and entry.source.feed_url:
            fe.source(url=entry.source.feed_url, title=_clean(entry.source.title))
        if entry.rights:
            fe.rights(_clean(entry.rights))
            fe.dc.dc_rights(_clean(entry.rights))
        for category in entry.categories:
            fe.category(
                term=_clean(category.term), label=_clean(category.label), scheme=category.scheme
            )
        if entry.image:
            fe.enclosure(entry.image.url, str(entry.image.length), entry.image.mime_type)
    return fg


def build_rss(meta: FeedMeta) -> bytes:
    document = _generator(meta, self_type="application/rss+xml").rss_str(pretty=False)
    return _add_rss_hub_link(document, meta.hub_url) if meta.hub_url else document


def _add_rss_hub_link(document: bytes, hub_url: str) -> bytes:
    """feedgen writes only the self atom:link in RSS; WebSub needs the hub's there too."""
    root = etree.fromstring(document)
    channel = root.find("channel")
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    hub = etree.Element(f"{ATOM}link", href=hub_url, rel="hub")
    self_link.addnext(hub)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def build_atom(meta: FeedMeta) -> bytes:
    document = _generator(meta, self_type="application/atom+xml").atom_str(pretty=False)
    return _complete_atom_entries(document, meta)


def _complete_atom_entries(document: bytes, meta: FeedMeta) -> bytes:
    """What feedgen 1.0.0 leaves out of Atom entries, put in.

    It drops rel/type/length from entry links (readers then take the enclosure for the
    entry's own link), and writes a `source` with only a title and a link, where RFC 4287
    validators expect the source feed's id, title, updated and links.
    """
    root = etree.fromstring(document)
    for element, entry in zip(root.iterfind(f"{ATOM}entry"), meta.entries, strict=True):
        if entry.source is not None and entry.source.feed_url:
            _replace_atom_source(element, entry)
        links = element.findall(f"{ATOM}link")
        links[0].attrib.update({"rel": "alternate", "type": "text/html"})
        if entry.image:
            links[1].attrib.update(
                {
                    "rel": "enclosure",
                    "type": entry.image.mime_type,
                    "length": str(entry.image.length),
                }
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _replace_atom_source(element, entry: FeedEntry) -> None:
    source = entry.source
    old = element.find(f"{ATOM}source")
    new = etree.Element(f"{ATOM}source")
    etree.SubElement(new, f"{ATOM}id").text = source.feed_url
    etree.SubElement(new, f"{ATOM}title").text = _clean(source.title)
    etree.SubElement(new, f"{ATOM}updated").text = (source.updated or entry.updated).isoformat()
    etree.SubElement(new, f"{ATOM}link", rel="self", href=source.feed_url)
    if source.home_url:
        etree.SubElement(new, f"{ATOM}link", rel="alternate", type="text/html",
                         href=source.home_url)  # fmt: skip
    old.getparent().replace(old, new)


def build_json_feed(meta: FeedMeta) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _clean(meta.title),
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url,
        "description": _clean(meta.description),
        "language": meta.language,
        "authors": [{"name": _clean(meta.author)}],
        "items": [_json_item(entry, meta) for entry in meta.entries],
    }
    if meta.icon_url:
        feed["icon"] = meta.icon_url
        feed["favicon"] = meta.icon_url
    if meta.hub_url:
        feed["hubs"] = [{"type": "WebSub", "url": meta.hub_url}]
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_item(entry: FeedEntry, meta: FeedMeta) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": _clean(entry.title),
        "summary": _clean(entry.summary),
        "content_html": _clean(entry.content_html),
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": _clean(meta.author)}],
        "tags": [_clean(c.label) for c in entry.categories],
    }
    if entry.rights:
        item["_rights"] = _clean(entry.rights)
    if entry.source:
        item["authors"] = [{"name": _clean(entry.source.title), "url": entry.source.home_url}]
        item["_source"] = {
            "title": _clean(entry.source.title),
            "feed_url": entry.source.feed_url,
            "home_page_url": entry.source.home_url,
        }
    if entry.image:
        item["image"] = entry.image.url
        item["attachments"] = [
            {
                "url": entry.image.url,
                "mime_type": entry.image.mime_type,
                "size_in_bytes": entry.image.length,
            }
        ]
    return item


BUILDERS = {"rss": build_rss, "atom": build_atom, "json": build_json_feed}


@dataclass(frozen=True)
class OpmlMeta:
    title: str
    owner: str
    groups: tuple[dict, ...]


OPML_VERSIONS = {"rss": ("rss", "RSS2"), "atom": ("rss", "ATOM1"), "json": ("link", "JSONFEED1.1")}


def build_opml(meta: OpmlMeta) -> bytes:
    """OPML 2.0 with one outline per group and one per feed, valid whatever names contain."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _clean(meta.title)
    etree.SubElement(head, "ownerName").text = _clean(meta.owner)
    body = etree.SubElement(root, "body")
    for group in meta.groups:
        outline = etree.SubElement(body, "outline", text=_clean(group["name"]))
        for feed_set in group["feeds"]:
            for link in feed_set:
                kind, version = OPML_VERSIONS[link["format"]]
                title = _clean(link["title"])
                etree.SubElement(
                    outline,
                    "outline",
                    type=kind,
                    version=version,
                    text=title,
                    title=title,
                    xmlUrl=link["url"],
                )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
