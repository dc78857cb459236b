"""The widget's script and its configuration page, as served."""

import gzip

from tests.factories import make_project


def test_the_script_is_small_public_and_cacheable(client, db):
    response = client.get("/widgets/news.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    size = len(gzip.compress(response.content, 9))
    assert size < 10 * 1024, f"{size} bytes gzipped"
    assert b"customElements.define" in response.content


def test_the_configuration_page_offers_scopes_a_snippet_and_a_preview(client, home):
    make_project("PASSENGER")
    html = client.get("/widgets/").content.decode()
    assert 'data-script="http://localhost/widgets/news.js"' in html
    assert '<option value="project:passenger">PASSENGER</option>' in html
    assert '<network-news id="widget-preview"' in html
    assert "<script>" not in html  # no inline script: the page keeps its CSP
    assert "script-src 'self'" in client.get("/widgets/")["Content-Security-Policy"]
