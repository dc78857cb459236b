"""Display HTML and addresses that are safe whatever way they reached the database.

The editor only produces harmless markup, but content also arrives by import, the shell
or a partner's feed. Every output (HTML pages, preview, API, feeds, calendars, mails)
passes here: no script, style or iframe, no event attributes, only http, https, mailto
and tel addresses or relative ones (made absolute against the site's base URL).
"""

from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError

import nh3

from .text import strip_xml_illegal

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "figure", "figcaption", "img", "span", "sub", "sup", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Control characters and spaces browsers strip before reading a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = "".join(chr(c) for c in range(0x21))


@lru_cache(maxsize=8)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        url_relative=("rewrite_with_base", base_url) if base_url else "deny",
    )


def clean_html(html: str, *, base_url: str) -> str:
    """Safe HTML; relative addresses resolved against `base_url` as a browser would (the
    site's root, or a partner item's own link), or dropped when it is no usable base."""
    try:
        cleaner = _cleaner(base_url)
    except ValueError:
        cleaner = _cleaner(None)
    return cleaner.clean(strip_xml_illegal(html or ""))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would act on, or None for a relative address."""
    compact = "".join(ch for ch in url if ch not in _IGNORED_IN_SCHEME)
    scheme = urlsplit(compact).scheme.lower()
    return scheme or None


def safe_url(url: str, *, base_url: str) -> str:
    """`url` made absolute if it is allowed, else '' (the caller drops the link)."""
    url = strip_xml_illegal((url or "").strip())
    if not url or url.startswith("//"):
        return ""
    scheme = url_scheme(url)
    if scheme is None:
        return urljoin(base_url, url)
    return url if scheme in URL_SCHEMES else ""


def safe_web_url(url: str) -> str:
    """An address readers open in a browser (a project's website): http or https, else ''."""
    url = strip_xml_illegal((url or "").strip())
    return url if url_scheme(url) in {"http", "https"} else ""


def validate_link_url(value: str) -> None:
    """Field validator: refuse addresses the outputs would drop, with a message saying why."""
    value = (value or "").strip()
    if value.startswith("//"):
        raise ValidationError("Give the full address, starting with https://.", code="scheme")
    scheme = url_scheme(value)
    if scheme is not None and scheme not in URL_SCHEMES:
        raise ValidationError(
            f"Addresses starting with '{scheme}:' are not allowed. Use https://, http://, "
            "mailto:, tel: or a path on this site starting with /.",
            code="scheme",
        )


def validate_web_url(value: str) -> None:
    """Field validator for addresses readers open in a browser: http or https only."""
    scheme = url_scheme((value or "").strip())
    if value and scheme not in {"http", "https"}:
        raise ValidationError(
            "Give a web address starting with https:// or http://.", code="scheme"
        )
