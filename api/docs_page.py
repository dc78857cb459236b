"""The OpenAPI description as people read it on `/api/docs/`: types in words ("integer,
1 to 100; default 20") instead of JSON Schema, `code` in descriptions as code, and each
read's example request on the site's own address, with a button that shows this site's
answer to it (api/static/api/example_answers.js): a real answer, never a stale copy."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CODE = re.compile(r"`([^`]+)`")
_FORMATS = {"date": "date (YYYY-MM-DD)", "uri": "absolute URL", "date-time": "date and time"}


def code_spans(text: str) -> SafeString:
    """Escaped text with each `backticked` part as <code>."""
    return mark_safe(_CODE.sub(r"<code>\1</code>", escape(text or "")))  # noqa: S308 - escaped


def readable_type(schema: dict) -> str:
    """A parameter's JSON Schema in words."""
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "value")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if schema.get("format") in _FORMATS:
        words = _FORMATS[schema["format"]]
    elif schema.get("pattern", "").startswith("^[-a-zA-Z0-9_]"):
        words = "slug (letters, digits, - and _)"
    else:
        words = {"string": "text"}.get(kind, kind)
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"{schema['minimum']:,} to {schema['maximum']:,}")
    elif "minimum" in schema:
        limits.append(f"at least {schema['minimum']:,}")
    if "maxLength" in schema:
        limits.append(f"up to {schema['maxLength']:,} characters")
    if "default" in schema:
        limits.append(f"default {schema['default']}")
    if schema.get("examples"):
        limits.append("for example " + ", ".join(str(value) for value in schema["examples"]))
    return words + (", " + "; ".join(limits) if limits else "")


def _list_for(example: str) -> str:
    """Where the docs page's button finds an id for an example that needs one: the first
    item of the matching listing (the newest story, for pages)."""
    listing = example.split("{id}", 1)[0]
    return listing + ("?type=news.NewsPage&limit=1" if listing.endswith("/pages/") else "?limit=1")


def operation_for_people(method: str, path: str, operation: dict, *, root: str) -> dict:
    """One operation of the description, ready for the docs template."""
    example = operation.get("x-example-request")
    return {
        "method": method.upper(),
        "path": path,
        "anchor": "".join(c if c.isalnum() else "-" for c in method + path).strip("-"),
        "summary": code_spans(operation.get("summary", "")),
        "parameters": [
            {
                "name": parameter["name"],
                "in": parameter["in"],
                "type": readable_type(parameter.get("schema", {})),
                "description": code_spans(parameter.get("description", "")),
            }
            for parameter in operation.get("parameters", ())
        ],
        "example": f"curl -s '{root}{example}'" if example else "",
        "example_path": example or "",
        "example_list": _list_for(example) if example and "{id}" in example else "",
        "has_body": "requestBody" in operation,
        "responses": [
            (status, code_spans(response.get("description", "").rstrip(".")))
            for status, response in sorted(operation["responses"].items())
        ],
    }
