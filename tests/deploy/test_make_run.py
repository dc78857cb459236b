"""`make run PORT=…` serves the demo site on that port: every absolute URL, images
included, carries it, and the images load. Slow (it migrates and loads the demo from
scratch, as on a fresh machine); CI runs it with the slow tier."""

import os
import re
import signal
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.deploy.live import eventually, free_port

ROOT = Path(__file__).resolve().parents[2]


def read(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
        return response.headers.get_content_type(), response.read()


@pytest.mark.slow
@pytest.mark.engine_independent
def test_make_run_on_another_port_serves_images_that_load(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PUBLIC_BASE"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_SUPERUSER_USERNAME": "admin",
        "DJANGO_SUPERUSER_PASSWORD": "make-run-test-password",
        "NEWSLETTER_CHECK_MAIL_HOST": "false",
    }
    env.pop("REDIS_URL", None)
    with open(tmp_path / "make-run.log", "wb") as log:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            home = eventually(lambda: read(f"{base}/")[1].decode(), timeout=240)
            images = re.findall(r'<img[^>]*\ssrc="([^"]+)"', home)
            assert images, home[:2000]
            assert any("/media/" in src for src in images), images
            for src in images:
                # Uploads are absolute on the site's address; static files are relative.
                assert src.startswith(f"{base}/") or src.startswith("/static/"), src
                kind, body = read(urljoin(f"{base}/", src))
                assert kind.startswith("image/") and body, src
            feed = read(f"{base}/feeds/news.atom")[1].decode()
            addresses = set(re.findall(r'(?:href|src)="(http://127\.0\.0\.1[^/"]*)', feed))
            assert addresses == {base}, addresses
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    assert f"Serving on {base}" in (tmp_path / "make-run.log").read_text()
