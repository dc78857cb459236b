"""Every API answer the test suite receives must match the OpenAPI description.

`tests/conftest.py` routes each response of Django's test client through `check`: an
answer whose status the description does not list, or whose JSON does not validate
against the listed schema, fails the test that received it.
"""

import gzip
import json
import re
from functools import cached_property
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.openapi import openapi_document

BASE = "urn:openapi"


class Conformance:
    @cached_property
    def document(self) -> dict:
        return openapi_document()

    @cached_property
    def registry(self) -> Registry:
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        return Registry().with_resource(BASE, resource)

    @cached_property
    def routes(self) -> list[tuple[re.Pattern, str, dict]]:
        """(pattern, path, path item), literal paths before templated ones."""
        routes = []
        for path, item in self.document["paths"].items():
            pattern = re.escape(path).replace(r"\{id\}", "[^/]+")
            routes.append((re.compile(f"^{pattern}$"), path, item))
        return sorted(routes, key=lambda route: "{" in route[1])

    def check(self, method: str, path: str, response) -> None:
        if not path.startswith("/api/v2/") or getattr(response, "streaming", False):
            return
        route = next((route for route in self.routes if route[0].match(path)), None)
        template, item = (route[1], route[2]) if route else ("", None)
        operation = (item or {}).get(method.lower())
        status = response.status_code
        if operation is None or status == 304 or 300 <= status < 400 and status != 302:
            return  # not an API operation (405, a stray path), or a conditional answer
        listed = operation["responses"].get(str(status))
        assert listed is not None, f"{method} {path} answered {status}, not described"
        schema = listed.get("content", {}).get("application/json", {}).get("schema")
        if schema is None or not response["Content-Type"].startswith("application/json"):
            return
        content = response.content
        if response.get("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        body = json.loads(content)
        pointer = "/".join(
            part.replace("~", "~0").replace("/", "~1")
            for part in ("paths", template, method.lower(), "responses", str(status),
                         "content", "application/json", "schema")
        )  # fmt: skip
        validator = Draft202012Validator(
            {"$ref": f"{BASE}#/{quote(pointer, safe='/~')}"}, registry=self.registry
        )
        errors = sorted(validator.iter_errors(body), key=lambda e: e.path)
        assert not errors, (
            f"{method} {path} ({status}) does not match the OpenAPI description: "
            + "; ".join(f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:5])
        )


CONFORMANCE = Conformance()
