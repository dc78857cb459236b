"""An XML document's bytes read as text the way an XML parser would (XML 1.0, appendix F).

The river checks the *text* of a partner feed for entity declarations and then hands
the parser that same text, re-encoded as UTF-8: a check on the raw bytes misses a UTF-16
or UTF-32 document (expat decodes and expands it), and a check that decoded differently
from the parser could be walked around. What is checked is what is parsed.
"""

import codecs
import re

BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# Without a byte order mark, a wide encoding shows in where the first ASCII character
# ("<", or white space before it) has its zero bytes: 1 for present, 0 for zero.
ZERO_PATTERNS = (
    ((0, 0, 0, 1), "utf-32-be"),
    ((1, 0, 0, 0), "utf-32-le"),
    ((0, 1, 0, 1), "utf-16-be"),
    ((1, 0, 1, 0), "utf-16-le"),
)
DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
# The declaration's encoding is for ASCII-compatible documents only; these are not.
WIDE = re.compile(r"^(utf-?(16|32)|ucs-?(2|4))", re.IGNORECASE)


def decode_xml(body: bytes) -> str:
    """The document's text: by byte order mark, else by its first bytes, else by the
    encoding its XML declaration names (unknown names read as UTF-8); undecodable bytes
    become U+FFFD rather than being skipped."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    head = tuple(int(byte != 0) for byte in body[:4])
    for pattern, encoding in ZERO_PATTERNS:
        if head == pattern:
            return body.decode(encoding, errors="replace")
    encoding = "utf-8"
    if declared := DECLARATION.match(body[:200]):
        name = declared.group(1).decode("ascii")
        try:
            if not WIDE.match(name):
                encoding = codecs.lookup(name).name
        except LookupError:
            pass
    return body.decode(encoding, errors="replace")


XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def as_utf8(text: str) -> bytes:
    """The text as a UTF-8 document whose declaration (if any) says so."""
    return b'<?xml version="1.0" encoding="utf-8"?>' + XML_DECLARATION.sub("", text).encode()
