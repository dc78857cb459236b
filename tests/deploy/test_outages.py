"""A cache outage is not an outage; a database outage keeps cached answers flowing.

Real parts: gunicorn with production settings, Redis and (in the PostgreSQL pass) the
database, each reached through a relay the test cuts and restores.
"""

import json
import secrets
import shutil
import subprocess

import pytest

from tests.deploy.live import (
    BIN,
    ROOT,
    LiveServer,
    deployed,
    drop_database,
    eventually,
    free_port,
    production_env,
    redis_available,
)
from tests.deploy.relay import Relay

# The deployment tests run on one worker (the deployment they copy is made once per worker).
pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live")]
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    workdir = tmp_path_factory.mktemp("outages")
    port = free_port()
    state = deployed(workdir, port)
    cache = Relay(REDIS)
    cache.start()
    database = None
    database_url = state["DATABASE_URL"]
    if database_url.startswith("postgres"):
        database = Relay(POSTGRES)
        database.start()
        database_url = database_url.replace(":5432/", f":{database.port}/")
    prefix = f"outage-{secrets.token_hex(4)}"
    env = {
        **production_env(workdir, port, database_url),
        "MEDIA_ROOT": state["MEDIA_ROOT"],
        "STATIC_ROOT": state["STATIC_ROOT"],
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": f"redis://127.0.0.1:{cache.port}/13",
        "CACHE_KEY_PREFIX": prefix,
        "CACHE_RETRY_SECONDS": "1",
        "CONTENT_VERSION_CHECK_SECONDS": "0",  # a change shows on the next request
        "CONTENT_VERSION_WARM_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "OUTAGE_LOG_SECONDS": "60",
    }
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", workdir, env)
    eventually(lambda: server.request("/healthz").status == 200)
    yield {"server": server, "database": database, "cache": cache, "env": env, "prefix": prefix,
           "log": workdir / "gunicorn.log"}  # fmt: skip
    process.terminate()
    process.wait(timeout=20)
    log.close()
    cache.cut()
    if database is not None:
        database.cut()
    drop_database(state["DATABASE_URL"])


def body(server, path: str) -> tuple[int, str]:
    response = server.request(path)
    return response.status, response.read().decode()


def stored_responses(prefix: str) -> int:
    redis_cli = shutil.which("redis-cli")
    if redis_cli is None:
        pytest.skip("redis-cli missing: apt-get install redis-tools")
    keys = subprocess.run(
        [redis_cli, "-n", "13", "--scan", "--pattern", f"{prefix}:*responses*"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return len(keys.stdout.split())


def unpublish(site, title: str) -> None:
    script = f"from news.models import NewsPage; NewsPage.objects.get(title={title!r}).unpublish()"
    subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT, env=site["env"], check=True, capture_output=True,
    )  # fmt: skip


def test_without_redis_everything_is_served_uncached_and_correct(site):
    server = site["server"]
    status, feed = body(server, "/feeds/news.atom")
    assert status == 200
    victim = json.loads(body(server, "/api/v2/pages/?type=news.NewsPage&fields=title")[1])
    title = victim["items"][0]["title"]
    assert stored_responses(site["prefix"]) > 0

    site["cache"].cut()
    for path in ("/", "/updates/", "/api/v2/pages/?type=news.NewsPage", "/feeds/news.atom"):
        assert body(server, path)[0] == 200, path
    health = json.loads(body(server, "/healthz")[1])
    assert health == {"status": "degraded", "database": "ok", "cache": "degraded"}
    unpublish(site, title)  # a publish elsewhere that cannot reach the cache either
    assert title not in body(server, "/feeds/news.atom")[1]  # served fresh, not stale

    site["cache"].start()  # Redis is back, with the copies stored before the outage
    eventually(lambda: json.loads(body(server, "/healthz")[1])["cache"] == "ok")
    for _ in range(2):
        status, feed = body(server, "/feeds/news.atom")
        assert status == 200 and title not in feed  # the old copy is never served again
    eventually(lambda: stored_responses(site["prefix"]) > 0)  # caching resumed by itself


def test_without_the_database_cached_answers_flow_and_the_rest_is_a_plain_503(site):
    if site["database"] is None:
        pytest.skip(
            "A database outage needs a database on the network: it runs in the PostgreSQL "
            "pass (make test-postgres; CI runs both)."
        )
    server = site["server"]
    assert body(server, "/feeds/news.rss")[0] == 200  # stored
    site["database"].cut()
    try:
        status, feed = body(server, "/feeds/news.rss")
        assert status == 200 and "<rss" in feed
        response = server.request("/updates/")
        assert response.status == 503
        assert response.headers["Retry-After"] == "60"
        assert "Temporarily unavailable" in response.read().decode()
        health = server.request("/healthz")
        assert health.status == 503 and json.loads(health.read())["database"] == "failed"
        for _ in range(30):
            assert server.request("/updates/").status == 503
    finally:
        site["database"].start()
    eventually(lambda: server.request("/updates/").status == 200)
    # One line when the outage began (per process), one when it ended; no tracebacks.
    log = site["log"].read_text()
    assert "Traceback" not in log
    outage_lines = [line for line in log.splitlines() if "database unreachable" in line]
    assert 1 <= len(outage_lines) <= 2, outage_lines
