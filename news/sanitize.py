"""Display HTML that is safe whatever way it reached the database.

The editor only produces harmless markup, but content can also arrive through imports,
the shell or old migrations. Everything served by the API and the feeds passes here:
no script, style or iframe, no event attributes, no `javascript:` URLs, and relative
URLs made absolute against the site's base URL.
"""

from functools import lru_cache

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
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=8)
def _cleaner(base_url: str) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        url_relative=("rewrite_with_base", base_url.rstrip("/") + "/"),
    )


def clean_html(html: str, *, base_url: str) -> str:
    return _cleaner(base_url).clean(strip_xml_illegal(html or ""))
