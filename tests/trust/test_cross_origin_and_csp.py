"""CORS only where reads are meant to be cross-origin; the CSP on every HTML page."""

import pytest

ORIGIN = "https://partner.example.org"


@pytest.mark.parametrize(
    "path",
    ["/api/v2/pages/?type=news.NewsPage", "/feeds/news.rss", "/events/calendar.ics",
     "/widgets/news.js", "/api/v2/network/"],
)  # fmt: skip
def test_machine_readable_reads_are_open_to_every_origin(client, news_index, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200, path
    assert response["Access-Control-Allow-Origin"] in (ORIGIN, "*")
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("path", ["/admin/login/", "/", "/updates/", "/network/", "/newsletter/"])
def test_the_admin_and_html_pages_answer_no_cors(client, news_index, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200, path
    assert "Access-Control-Allow-Origin" not in response, path
    preflight = client.options(path, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in preflight, path


@pytest.mark.parametrize("path", ["/", "/updates/", "/feeds/", "/network/", "/widgets/"])
def test_every_html_page_carries_the_csp_the_feed_index_included(client, news_index, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/html")
    assert "default-src" in response["Content-Security-Policy"], path


def test_machine_readable_answers_need_no_csp(client, news_index):
    assert "Content-Security-Policy" not in client.get("/feeds/news.rss")
