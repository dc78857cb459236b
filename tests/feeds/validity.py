"""The checks the W3C Feed Validation Service makes, for feeds this suite reads.

The validator itself is a web service (and an unpackaged Python 2 program), so tests
cannot call it offline; these are its rules that real partner data trips, written down:
RFC 4287's required elements (feed, entry and source: id, title, updated), ids and links
that are absolute IRIs (RFC 3987, checked with the `rfc3987` grammar), RFC 3339 dates
in Atom and RFC 822 dates in RSS, unique entry ids, and RSS 2.0's required channel and
item elements. Each function returns the problems found; an empty list is a pass.
"""

import re
from email.utils import parsedate_to_datetime

import rfc3987
from lxml import etree

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _iri(value: str | None) -> bool:
    return bool(value) and rfc3987.match(value, rule="absolute_IRI") is not None


def _one(parent, tag: str, where: str, problems: list[str]):
    found = parent.findall(tag)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{tag.split('}')[-1]}> (one required)")
        return None
    return found[0]


def _atom_common(element, where: str, problems: list[str]) -> None:
    """id, title and updated, as a feed, an entry and a source each need."""
    if (node := _one(element, f"{A}id", where, problems)) is not None and not _iri(node.text):
        problems.append(f"{where}: id {node.text!r} is not an absolute IRI")
    if (node := _one(element, f"{A}updated", where, problems)) is not None and not (
        RFC3339.match(node.text or "")
    ):
        problems.append(f"{where}: updated {node.text!r} is not an RFC 3339 date")
    _one(element, f"{A}title", where, problems)
    for link in element.findall(f"{A}link"):
        if not _iri(link.get("href")):
            problems.append(f"{where}: link {link.get('href')!r} is not an absolute IRI")


def atom_problems(document: bytes) -> list[str]:
    problems: list[str] = []
    feed = etree.fromstring(document)
    if feed.tag != f"{A}feed":
        return [f"root is {feed.tag}, not an Atom feed"]
    _atom_common(feed, "feed", problems)
    if not feed.findall(f"{A}link[@rel='self']"):
        problems.append("feed: no link rel=self")
    feed_author = feed.find(f"{A}author") is not None
    ids = []
    for n, entry in enumerate(feed.iterfind(f"{A}entry")):
        where = f"entry {n}"
        _atom_common(entry, where, problems)
        ids.append(entry.findtext(f"{A}id"))
        published = entry.findtext(f"{A}published")
        if published is not None and not RFC3339.match(published):
            problems.append(f"{where}: published {published!r} is not an RFC 3339 date")
        if not feed_author and entry.find(f"{A}author") is None:
            problems.append(f"{where}: no author, and the feed has none")
        for text in entry.findall(f"{A}content") + entry.findall(f"{A}summary"):
            if text.get("type", "text") not in {"text", "html", "xhtml"}:
                problems.append(f"{where}: {text.tag} type {text.get('type')!r}")
        for source in entry.findall(f"{A}source"):
            _atom_common(source, f"{where} source", problems)
    if len(ids) != len(set(ids)):
        problems.append("entries share an id")
    return problems


def rss_problems(document: bytes) -> list[str]:
    problems: list[str] = []
    channel = etree.fromstring(document).find("channel")
    if channel is None:
        return ["no channel"]
    for required in ("title", "link", "description"):
        if not (channel.findtext(required) or "").strip():
            problems.append(f"channel: no {required}")
    guids = []
    for n, item in enumerate(channel.iterfind("item")):
        where = f"item {n}"
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where}: neither title nor description")
        link = item.findtext("link")
        if link is not None and not _iri(link):
            problems.append(f"{where}: link {link!r} is not an absolute IRI")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: no guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink", "true") == "true" and not _iri(guid.text):
                problems.append(f"{where}: permalink guid {guid.text!r} is not a URL")
        if (date := item.findtext("pubDate")) is not None:
            try:
                parsedate_to_datetime(date)
            except (TypeError, ValueError):
                problems.append(f"{where}: pubDate {date!r} is not an RFC 822 date")
        for source in item.findall("source"):
            if not _iri(source.get("url")) or not (source.text or "").strip():
                problems.append(f"{where}: source needs a url and a name")
    if len(guids) != len(set(guids)):
        problems.append("items share a guid")
    return problems
