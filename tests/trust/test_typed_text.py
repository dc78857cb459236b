"""What people type into a search box gets results or an empty list, on every surface."""

import pytest

from tests.factories import (
    in_collection,
    make_document,
    make_image,
    make_news,
    make_private_collection,
)

TYPED = [
    '"',
    'magnet "unbalanced',
    "AND",
    "OR NOT",
    "magnet AND",
    "NEAR(magnet recycling)",
    "*",
    "mag*",
    "((((",
    "[magnet]",
    "{x}",
    "a:b",
    "-",
    "+magnet -recycling",
    "^^^",
    "\u200f\u0645\u063a\u0646\u0627\u0637\u064a\u0633",  # right-to-left mark, Arabic
    "Nd\u2082Fe\u2081\u2084B 🧲",
    "x" * 5000,
    " ".join(["word"] * 400),
    "'; DROP TABLE wagtailcore_page; --",
]
SURFACES = [
    "/api/v2/pages/?type=news.NewsPage&search={q}",
    "/api/v2/pages/?search={q}",
    "/api/v2/images/?search={q}",
    "/api/v2/documents/?search={q}",
    "/feeds/news.atom?search={q}",
    "/updates/?search={q}",
]


@pytest.fixture
def searchable(news_index):
    make_news(news_index, title="Magnet recycling", summary="Rare earth magnets recycled.")
    in_collection(make_image("Magnet secret"), make_private_collection())
    make_image("Magnet photo"), make_document("Magnet report")


@pytest.mark.parametrize("surface", SURFACES)
def test_typed_text_never_fails(client, searchable, surface):
    for text in TYPED:
        response = client.get(surface.split("?")[0], {"search": text, **_extra(surface)})
        assert response.status_code == 200, (surface, text[:40], response.content[:200])
    # No keyboard types a NUL byte: a request holding one is refused, clearly.
    response = client.get(surface.split("?")[0], {"search": "magnet\x00", **_extra(surface)})
    assert response.status_code == 400


def _extra(surface: str) -> dict:
    query = surface.split("?", 1)[1].replace("search={q}", "").strip("&")
    return dict(part.split("=") for part in query.split("&") if part)


@pytest.mark.indexes
def test_search_still_finds_words_wrapped_in_syntax(client, searchable):
    found = client.get("/api/v2/pages/", {"type": "news.NewsPage", "search": '"MAGNET" AND*'})
    assert [item["title"] for item in found.json()["items"]] == ["Magnet recycling"]
    images = client.get("/api/v2/images/", {"search": "magnet"}).json()["items"]
    assert [item["title"] for item in images] == ["Magnet photo"]  # private one left out
    documents = client.get("/api/v2/documents/", {"search": "(report)"}).json()["items"]
    assert [item["title"] for item in documents] == ["Magnet report"]


def test_malformed_ids_get_400_or_404_never_500(client, searchable):
    assert client.get("/api/v2/pages/find/", {"id": "abc"}).status_code == 400
    assert client.get("/api/v2/pages/find/", {"id": "9" * 40}).status_code == 400
    assert client.get("/api/v2/images/find/", {"id": "1 OR 1=1"}).status_code == 400
