"""Outside HTML as body blocks: what a pasted article or an imported post becomes.

An article arrives as one run of HTML (a web page, Word, Google Docs, a WordPress
export). The body holds it as a stream of blocks, so its shape is cut along the blocks'
lines: headings become heading blocks (the article's top level is level 2, the next
level 3), quotations quote blocks, images image blocks, a lone video address an embed,
and everything between them paragraphs of the rich text the editor itself would store.

Rich text goes through Wagtail's own Draftail converter (HTML -> content state ->
stored HTML) with the paragraph's features, so a paragraph holds exactly what the
editor could have typed: bold, italic, links, lists, sub- and superscript, line breaks.
Colours, fonts, classes, tables' grid and scripts are dropped, never kept as markup.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, urljoin, urlsplit

from django.utils.html import escape

import lxml.html
from lxml import etree

from .sanitize import clean_html, safe_web_url

# What a stored paragraph holds (the editor's features for a paragraph block).
PARAGRAPH_FEATURES = [
    "bold", "italic", "link", "document-link", "ol", "ul", "subscript", "superscript",
]  # fmt: skip
# A paragraph being edited may also hold headings (typed, or pasted from an article):
# saving turns them into heading blocks (NewsBodyBlock.clean).
HEADING_FEATURES = ["h1", "h2", "h3", "h4"]
# The editor's own plugin that keeps pasted sub- and superscript (news/wagtail_hooks.py).
PASTE_SCRIPTS_FEATURE = "paste-scripts"
PARAGRAPH_EDITOR_FEATURES = [*PARAGRAPH_FEATURES, *HEADING_FEATURES, PASTE_SCRIPTS_FEATURE]
HEADING_MAX_LENGTH = 200
HEADING_LEVELS = ("h2", "h3")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CONTENTSTATE_HEADINGS = {
    "header-one": 1, "header-two": 2, "header-three": 3, "header-four": 4,
    "header-five": 5, "header-six": 6,
}  # fmt: skip
# Providers whose address alone, on a line of its own, is an embed (as WordPress does).
EMBED_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "soundcloud.com", "slideshare.net")
_BLOCK_TAGS = re.compile(r"<(p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre)\b", re.I)


@dataclass(frozen=True)
class ImageRef:
    """An image the source points at; the importer downloads it into the library."""

    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Piece:
    """One future block: its type and the value its block stores (an ImageRef for images,
    until the importer has the library's image)."""

    type: str
    value: object = field(default=None)


def split_paragraph(stored_html: str) -> list[Piece]:
    """A paragraph's stored rich text cut at its headings (typed or pasted in it)."""
    return _rich_pieces(stored_html)


def pieces_from_html(html: str, *, base_url: str) -> list[Piece]:
    """Any article HTML as pieces, its addresses made absolute against `base_url`."""
    html = _paragraphs_from_plain_lines(html or "")
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    _relevel_headings(root)
    _tables_as_lines(root)
    pieces: list[Piece] = []
    run: list[str] = [escape(root.text or "")]
    for element in root:
        special = _special_pieces(element, base_url)
        if special is None:
            run.append(_outer_html(element))
            continue
        pieces += _run_pieces(run, base_url)
        pieces += special
        run = [escape(element.tail or "")]
    pieces += _run_pieces(run, base_url)
    return pieces


def _paragraphs_from_plain_lines(html: str) -> str:
    """WordPress stores classic posts with blank lines for paragraphs and no <p>."""
    if _BLOCK_TAGS.search(html):
        return html
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", html) if chunk.strip()]
    return "".join(f"<p>{chunk.replace(chr(10), '<br>')}</p>" for chunk in chunks)


def _relevel_headings(root) -> None:
    """The article's highest heading level becomes level 2, the next level 3 (and any
    deeper ones level 3 too): a page's <h1> or Word's "Heading 1" is a section here."""
    mapping = _levels({int(el.tag[1]) for el in root.iter(*HEADING_TAGS)})
    for element in root.iter(*HEADING_TAGS):
        element.tag = mapping[int(element.tag[1])]


def _levels(found: set[int]) -> dict[int, str]:
    return {level: HEADING_LEVELS[min(i, 1)] for i, level in enumerate(sorted(found))}


def _levels_in_paragraph(levels: list[int]) -> dict[int, str]:
    """Headings in one paragraph keep the level the editor chose (H2, H3; H4 and deeper
    are H3). A single "Heading 1" is the article's title (a web page's <h1>, Word's or
    Google Docs' top heading) and reads as a section; several are the sections
    themselves, and then every level moves down one (H1 -> H2, H2 -> H3)."""
    shift = 1 if levels.count(1) > 1 else 0
    return {level: HEADING_LEVELS[min(max(level + shift - 2, 0), 1)] for level in set(levels)}


def _tables_as_lines(root) -> None:
    """A body has no tables: each row becomes a line of its cells, so no text is lost."""
    for table in list(root.iter("table")):
        rows = [
            " · ".join(" ".join(cell.text_content().split()) for cell in row.iter("td", "th"))
            for row in table.iter("tr")
        ]
        replacement = lxml.html.fragment_fromstring(
            "".join(f"<p>{escape(row)}</p>" for row in rows if row.strip()) or "<p></p>",
            create_parent="div",
        )
        replacement.tail = table.tail
        table.getparent().replace(table, replacement)


def _outer_html(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=True)


def _special_pieces(element, base_url: str) -> list[Piece] | None:
    """Images, quotations and embeds as blocks of their own; None for rich text."""
    if not isinstance(element.tag, str):
        return None
    tag = element.tag.lower()
    if tag == "blockquote":
        return [_quote(element)]
    if tag == "iframe":
        url = _embed_url(element.get("src", ""))
        return [Piece("embed", {"url": url, "title": element.get("title", "")})] if url else []
    lone_url = _lone_embed_address(element)
    if lone_url:
        return [Piece("embed", {"url": lone_url, "title": ""})]
    images = list(element.iter("img")) if tag != "img" else [element]
    if not images:
        iframes = list(element.iter("iframe"))
        if iframes and not element.text_content().strip():
            return [p for frame in iframes for p in _special_pieces(frame, base_url) or []]
        return None
    pieces = []
    caption = " ".join(" ".join(c.itertext()) for c in element.iter("figcaption")).strip()
    for figcaption in list(element.iter("figcaption")):
        figcaption.drop_tree()
    for image in images:
        src = image.get("src") or image.get("data-src") or ""
        if safe_web_url(urljoin(base_url, src)):
            pieces.append(
                Piece(
                    "image",
                    ImageRef(
                        src=safe_web_url(urljoin(base_url, src)),
                        alt=(image.get("alt") or "").strip()[:250],
                        caption=caption[:250],
                    ),
                )
            )
        image.drop_tree()
    # Text beside the images (a classic post's <p><img> text</p>) stays a paragraph.
    rest = _run_pieces([_outer_html(element)], base_url) if element.text_content().strip() else []
    return pieces + rest


def _quote(element) -> Piece:
    attribution = ""
    for cite in list(element.iter("cite", "footer")):
        attribution = attribution or " ".join(cite.text_content().split()).lstrip("—– -")
        cite.drop_tree()
    paragraphs = [" ".join(p.text_content().split()) for p in element.iter("p")]
    text = "\n\n".join(filter(None, paragraphs)) or " ".join(element.text_content().split())
    return Piece("quote", {"text": text, "attribution": attribution[:200]})


def _embed_url(src: str) -> str:
    """A provider's player address as the page address people share."""
    parts = urlsplit(src if not src.startswith("//") else "https:" + src)
    host = (parts.hostname or "").removeprefix("www.")
    if host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if parts.path.startswith("/embed/"):
            return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
        video = parse_qs(parts.query).get("v")
        return f"https://www.youtube.com/watch?v={video[0]}" if video else ""
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if host.endswith(EMBED_HOSTS) and parts.scheme in {"http", "https"}:
        return src
    return ""


def _lone_embed_address(element) -> str:
    """A paragraph (or WordPress embed figure) holding only a provider's address."""
    text = element.text_content().strip()
    if not text or " " in text or len(list(element.iter("img"))):
        return ""
    parts = urlsplit(text)
    host = (parts.hostname or "").removeprefix("www.")
    if parts.scheme in {"http", "https"} and host.endswith(EMBED_HOSTS):
        return _embed_url(text) or text
    return ""


def _run_pieces(run: list[str], base_url: str) -> list[Piece]:
    html = "".join(run).strip()
    if not html:
        return []
    return _rich_pieces(_balanced(clean_html(html, base_url=base_url)))


def _balanced(html: str) -> str:
    """Balanced, self-closed markup: the converter's parser expects stored rich text's
    `<br/>`, not a browser's `<br>`."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return escape(root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="xml", with_tail=True) for child in root
    )


def _rich_pieces(html: str) -> list[Piece]:
    """Rich text through Draftail's converter, cut into heading and paragraph pieces."""
    reader = _converter(tuple(PARAGRAPH_EDITOR_FEATURES))
    state = json.loads(reader.from_database_format(html))
    levels = _levels_in_paragraph(
        [
            _CONTENTSTATE_HEADINGS[b["type"]]
            for b in state["blocks"]
            if b["type"] in _CONTENTSTATE_HEADINGS
        ]
    )
    pieces: list[Piece] = []
    run: list[dict] = []
    for block in state["blocks"]:
        level = levels.get(_CONTENTSTATE_HEADINGS.get(block["type"], 0))
        text = " ".join(block["text"].split())
        if level and text and len(text) <= HEADING_MAX_LENGTH:
            pieces += _paragraph(run, state["entityMap"])
            pieces.append(Piece("heading", {"text": text, "level": level}))
            run = []
        elif level:  # an empty or overlong "heading" reads as a paragraph
            run.append({**block, "type": "unstyled"})
        else:
            run.append(block)
    return pieces + _paragraph(run, state["entityMap"])


def _paragraph(blocks: list[dict], entity_map: dict) -> list[Piece]:
    if not any(block["text"].strip() or block["type"] == "atomic" for block in blocks):
        return []
    writer = _converter(tuple(PARAGRAPH_FEATURES))
    stored = writer.to_database_format(json.dumps({"blocks": blocks, "entityMap": entity_map}))
    return [Piece("paragraph", stored)]


@lru_cache(maxsize=2)
def _converter(features: tuple[str, ...]):
    """Draftail's converter (imported late: it loads the page model, and the blocks are
    imported while models load)."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    return ContentstateConverter(features=list(features))
