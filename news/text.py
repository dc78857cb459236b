"""Cleaning of untrusted text before it is stored or serialised."""

import html
import re

import nh3

# Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF), which
# word processors paste in and which make feed serialisers fail at render time.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_xml_illegal(text: str) -> str:
    return _XML_ILLEGAL.sub("", text) if text else text


_BLOCK_ENDS = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr|td|th)\s*>", re.I)


def html_as_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags and script/style contents dropped, entities
    read, runs of spaces made one (a partner's title, an imported excerpt). Line breaks
    and the ends of blocks part words, as a browser shows them."""
    spaced = _BLOCK_ENDS.sub(" ", strip_xml_illegal(markup or ""))
    cleaned = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(cleaned).split())
