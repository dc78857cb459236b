"""schema.org structured data as a `<script type="application/ld+json">` element."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Escaped so that no text an editor typed can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
