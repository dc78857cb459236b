"""`make client-example`, the README's one line: the TypeScript example, compiled with the
client's own tsc and run by node, reads a running site's API. Slow (npm ci and tsc); CI
runs it with the slow tier, with Node.js and npm as it has them."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import build_site, make_news, make_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.engine_independent
@pytest.mark.django_db(transaction=True)
def test_the_typescript_example_lists_a_projects_latest_news_from_the_running_site(live_server):
    if shutil.which("npm") is None:
        pytest.skip("The TypeScript example needs Node.js and npm (apt-get install nodejs npm).")
    port = int(live_server.url.rsplit(":", 1)[1])
    _, index = build_site(hostname="localhost", port=port)
    passenger = make_project("PASSENGER")
    for n in range(6):
        make_news(index, title=f"PASSENGER story {n}", projects=[passenger])
    make_news(index, title="Another project's story")
    result = subprocess.run(
        ["make", "client-example"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NEWS_API_URL": f"http://localhost:{port}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if "/updates/" in line]
    assert len(lines) == 5 and all("PASSENGER story" in line for line in lines), result.stdout
