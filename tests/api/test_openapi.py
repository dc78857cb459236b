"""The OpenAPI description: valid 3.1, generated from the code, readable by people.

That every API answer of the suite matches it is checked for every test
(tests/openapi_conformance.py, wired in tests/conftest.py).
"""

import json
import re

from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import escape

import pytest
from openapi_spec_validator import validate

from api.pages import EVENTS, NEWS
from news.blocks import NewsBodyBlock
from tests.factories import make_category, make_document, make_image, make_news, make_project
from tests.openapi_conformance import CONFORMANCE


@pytest.fixture
def document(client, db):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_it_validates_against_the_openapi_3_1_meta_schema(document):
    assert document["openapi"] == "3.1.0"
    validate(document)  # raises on any violation of the 3.1 schema


def test_body_blocks_are_a_union_discriminated_by_type(document):
    union = document["components"]["schemas"]["BodyBlock"]
    assert union["discriminator"]["propertyName"] == "type"
    assert set(union["discriminator"]["mapping"]) == set(NewsBodyBlock().child_blocks)


def test_every_filter_and_ordering_is_described(document):
    parameters = {p["name"] for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert (
        NEWS.parameters | EVENTS.parameters | {"search", "limit", "offset", "order"} <= parameters
    )
    order = next(p for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]
                 if p["name"] == "order")  # fmt: skip
    assert set(order["schema"]["examples"]) == set(NEWS.orderings) | set(EVENTS.orderings)
    for path, item in document["paths"].items():
        for operation in item.values():
            assert operation["responses"], path


def test_the_docs_page_shows_every_operation_without_scripts(client, document, db):
    """Everything reads without scripts; the one script only adds the answer buttons."""
    html = client.get("/api/docs/").content.decode()
    for path in document["paths"]:
        assert f"{path}</code>" in html, path
    main = html.split("</header>")[-1]
    assert re.findall(r"<script[^>]*>", main) == [
        f'<script src="{static("api/example_answers.js")}" defer>'
    ]
    assert main.count('<div class="api-answer" hidden') == main.count("For example:") >= 14


def test_the_docs_page_reads_as_words_with_an_example_per_read(client, document, news_index):
    html = client.get("/api/docs/").content.decode()
    assert "{&#x27;type&#x27;" not in html and "{'type'" not in html  # no raw JSON Schema
    assert "`" not in html.split("<main")[-1]  # code is <code>, not backticks
    assert "integer, 1 to 100; default 20" in html  # limit
    assert "date (YYYY-MM-DD)" in html and "slug (letters, digits, - and _)" in html
    assert "<code>json</code> chooses the (JSON) renderer" in html
    for path, item in document["paths"].items():
        if example := item.get("get", {}).get("x-example-request"):
            assert escape(f"curl -s 'http://localhost{example}'") in html, path


def test_every_example_request_answers_as_described(client, document, news_index):
    """Each read's example, sent to a site with content (the conformance check validates
    each answer against the description); `{id}` is an id from the listing."""
    passenger = make_project("PASSENGER")
    make_news(news_index, title="Example story", projects=[passenger],
              categories=[make_category("Events")])  # fmt: skip
    make_image("Example image"), make_document("Example report")
    examples = {path: item["get"]["x-example-request"] for path, item in document["paths"].items()
                if "x-example-request" in item.get("get", {})}  # fmt: skip
    assert len(examples) >= 14
    for path, example in examples.items():
        if "{id}" in example:
            listing = client.get(
                path.split("{id}")[0] + "?type=news.NewsPage"
                if path.startswith("/api/v2/pages/")
                else path.split("{id}")[0]
            )
            example = example.replace("{id}", str(listing.json()["items"][0]["id"]))
        response = client.get(example)
        assert response.status_code in (200, 302), (example, response.status_code)
        if response.status_code == 200 and example.endswith("limit=2"):
            assert response.json()["items"], example


def test_the_conformance_check_catches_an_answer_that_breaks_the_description(db):
    wrong = JsonResponse({"meta": {"total_count": "many"}, "items": []})
    with pytest.raises(AssertionError, match="total_count"):
        CONFORMANCE.check("GET", "/api/v2/network/", wrong)
    undescribed = JsonResponse({"message": "?"}, status=418)
    with pytest.raises(AssertionError, match="418, not described"):
        CONFORMANCE.check("GET", "/api/v2/pages/", undescribed)


@pytest.mark.parametrize(
    "path",
    ["/api/v2/pages/null,null/", "/api/v2/images/abc/", "/api/v2/nothing-here/", "/api/x"],
)
def test_every_api_address_answers_json_even_when_nothing_is_there(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}


def test_the_api_has_one_representation(client, news_index):
    response = client.get("/api/v2/pages/", {"format": "api"})
    assert response["Content-Type"] == "application/json"
    assert response.status_code == 400  # `api` is not a renderer any more, nor a format
    assert client.get("/api/v2/pages/", {"format": "json"}).status_code == 200


def test_the_api_root_lists_every_endpoint_absolute_on_the_site_root(client, news_index):
    index = client.get("/api/v2/", HTTP_HOST="proxy.internal").json()
    assert set(index["endpoints"]) >= {"pages", "images", "documents", "categories",
                                       "projects", "network", "newsletter"}  # fmt: skip
    for name, url in index["endpoints"].items():
        assert url.startswith(f"http://localhost/api/v2/{name}/"), url
    assert index["endpoints"]["newsletter"].endswith("/newsletter/subscriptions/")
    for url in (index["openapi"], index["docs"], index["endpoints"]["pages"]):
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url
