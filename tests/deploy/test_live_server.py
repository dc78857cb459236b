"""Over real HTTP, against gunicorn with production settings and demo content."""

import gzip
import json
from pathlib import Path

import pytest

from tests.deploy.live import redis_available, start, stop

# The deployment tests run on one worker (the deployment they copy is made once per worker).
pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live")]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    if not redis_available():
        pytest.skip(
            "Production settings need Redis at 127.0.0.1:6379: "
            "apt-get install redis-server && redis-server --daemonize yes (CI has it)."
        )
    server, process, log = start(tmp_path_factory.mktemp("live"))
    yield server
    stop(process, log, server)


def test_health_home_and_news_page(live):
    health = live.request("/healthz")
    assert health.status == 200 and json.loads(health.read())["status"] == "ok"
    home = live.request("/")
    assert home.status == 200
    assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
    assert "default-src 'self'" in home.headers["Content-Security-Policy"]
    html = home.read().decode()
    assert "Latest updates" in html and 'type="application/atom+xml"' in html
    listing = json.loads(live.request("/api/v2/pages/?type=news.NewsPage&fields=*").read())
    assert listing["meta"]["total_count"] >= 8
    story = listing["items"][0]
    page = live.request(story["meta"]["html_url"].removeprefix(live.base_url))
    assert page.status == 200 and "NewsArticle" in page.read().decode()
    rendition = story["hero_image"]["renditions"]["card"]["url"].removeprefix(live.base_url)
    assert live.request(rendition).status == 200


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_site_feeds_with_a_304_round_trip(live, fmt):
    first = live.request(f"/feeds/news.{fmt}")
    assert first.status == 200
    body = first.read()
    assert len(body) > 1000
    etag = first.headers["ETag"]
    again = live.request(f"/feeds/news.{fmt}", {"If-None-Match": etag})
    assert again.status == 304
    zipped = live.request(f"/feeds/news.{fmt}", {"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.read()) == body


def test_hashed_static_file_is_compressed_and_cached_forever(live):
    manifest = json.loads((Path(live.env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    response = live.request(f"/static/{hashed}", {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
    assert b"--accent" in gzip.decompress(response.read())


def test_api_answers_with_cache_headers(live):
    response = live.request("/api/v2/pages/")
    assert response.status == 200
    assert "public" in response.headers["Cache-Control"]
    assert live.request("/api/v2/pages/?offset=99999999999999").status == 400
