"""Query counts that do not grow with size, HTTP caching and CORS."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.caching import cold_get
from tests.factories import (
    every_block_body,
    make_category,
    make_document,
    make_image,
    make_news,
    make_project,
)


def count_queries(client, path, params=None):
    """Queries of an uncached request (the response cache would otherwise answer it)."""
    with CaptureQueriesContext(connection) as captured:
        response = cold_get(path, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.fixture
def many_rich_pages(news_index):
    category, project = make_category("Research"), make_project("GREENE")
    image, document = make_image("Shared"), make_document()
    target = make_news(news_index, title="Target")
    for n in range(100):
        make_news(
            news_index,
            title=f"Story {n}",
            hero_image=make_image(f"Hero {n}", size=(40, 30)),
            hero_alt_text="alt",
            body=every_block_body(image=image, document=document, link_to=target),
            categories=[category],
            projects=[project],
            tags=[f"tag-{n % 7}", "shared"],
        )


def test_listing_with_all_fields_costs_the_same_at_5_20_and_100(client, many_rich_pages):
    params = {"type": "news.NewsPage", "fields": "*"}
    count_queries(client, "/api/v2/pages/", {**params, "limit": 5})  # warm site-root cache
    counts = {
        limit: count_queries(client, "/api/v2/pages/", {**params, "limit": limit})
        for limit in (5, 20, 100)
    }
    assert counts[5] == counts[20] == counts[100], counts
    assert counts[100] <= 15, counts


def test_detail_of_a_1000_block_body_stays_within_20_queries(client, news_index):
    images = [make_image(f"Body {n}", size=(20, 20)) for n in range(100)]
    targets = [make_news(news_index, title=f"Target {n}") for n in range(20)]
    body = []
    for n in range(1000):
        if n % 10 == 0:
            image = images[n // 10]
            body.append({"type": "image", "value": {"image": image.pk, "alt_text": "a"}})
        elif n % 5 == 1:
            links = "".join(
                f'<a linktype="page" id="{targets[(n + k) % 20].pk}">link {k}</a> '
                for k in range(1)
            )
            body.append({"type": "paragraph", "value": f"<p>{links}</p>"})
        else:
            body.append({"type": "heading", "value": {"text": f"Heading {n}", "level": "h2"}})
    page = make_news(news_index, title="Huge", body=body)
    link_count = sum(b["value"].count("linktype") for b in body if b["type"] == "paragraph")
    assert len(body) == 1000 and link_count == 200
    count_queries(client, f"/api/v2/pages/{page.pk}/")
    # Bodies are always display HTML; the parameter still must not change the cost.
    for rich_text_format in ("html", "db_html", "markdown"):
        queries = count_queries(
            client, f"/api/v2/pages/{page.pk}/", {"rich_text_format": rich_text_format}
        )
        assert queries <= 20, queries


def test_responses_are_publicly_cacheable_and_revalidate_with_304(client, news_index):
    make_news(news_index)
    response = client.get("/api/v2/pages/", {"type": "news.NewsPage"})
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v2/pages/", {"type": "news.NewsPage"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_cors_opens_reads_to_every_origin_and_writes_to_configured_ones(
    client, news_index, settings
):
    """Reads are public and anonymous (the widget runs on any partner page); no origin
    may send credentials; only configured origins may subscribe from a browser."""
    settings.CORS_ALLOWED_ORIGINS = ["https://frontend.example.eu"]
    make_news(news_index)
    for origin in ("https://frontend.example.eu", "https://partner.example.org"):
        for path in ("/api/v2/pages/", "/feeds/news.atom"):
            response = client.get(path, HTTP_ORIGIN=origin)
            assert response["Access-Control-Allow-Origin"] == origin
            assert "Access-Control-Allow-Credentials" not in response
    subscribe = "/api/v2/newsletter/subscriptions/"
    preflight = {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
                 "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "content-type"}  # fmt: skip
    allowed = client.options(subscribe, HTTP_ORIGIN="https://frontend.example.eu", **preflight)
    assert allowed["Access-Control-Allow-Origin"] == "https://frontend.example.eu"
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    denied = client.options(subscribe, HTTP_ORIGIN="https://evil.example.com", **preflight)
    assert "Access-Control-Allow-Origin" not in denied
