"""Cleaning of untrusted text before it is stored or serialised."""

import re

# Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF), which
# word processors paste in and which make feed serialisers fail at render time.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_xml_illegal(text: str) -> str:
    return _XML_ILLEGAL.sub("", text) if text else text
