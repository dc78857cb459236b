"""A cache outage is not an outage; a database outage keeps cached answers flowing.

Real parts: gunicorn with production settings, PostgreSQL and Redis, each reached through
a relay the test cuts and restores.
"""

import json
import os
import secrets
import shutil
import subprocess
import time

import pytest

from tests.deploy.live import BIN, ROOT, LiveServer, free_port, redis_available
from tests.deploy.relay import Relay

pytestmark = pytest.mark.live
POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def postgres_available() -> bool:
    import socket

    try:
        with socket.create_connection(POSTGRES, timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not (postgres_available() and redis_available()):
        pytest.skip(
            "Needs PostgreSQL at 127.0.0.1:5432 (trust auth) and Redis at 127.0.0.1:6379: "
            "apt-get install postgresql redis-server (CI has both)."
        )
    import psycopg

    workdir = tmp_path_factory.mktemp("outages")
    name = f"outage_{secrets.token_hex(4)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    database, cache = Relay(POSTGRES), Relay(REDIS)
    database.start(), cache.start()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/{name}",
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": f"redis://127.0.0.1:{cache.port}/13",
        "CACHE_KEY_PREFIX": name,
        "CACHE_RETRY_SECONDS": "1",
        "CONTENT_VERSION_CHECK_SECONDS": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "CRITICAL",
    }
    manage = [str(BIN / "python"), "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", workdir, env)
    wait_for(lambda: server.request("/healthz").status == 200)
    yield {"server": server, "database": database, "cache": cache, "env": env, "prefix": name}
    process.terminate()
    process.wait(timeout=20)
    log.close()
    database.cut(), cache.cut()
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def wait_for(condition, timeout: float = 30) -> None:
    """Poll a real server until it gets there; there is no clock to move in its process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("the live server never got there")


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
    wait_for(lambda: json.loads(body(server, "/healthz")[1])["cache"] == "ok")
    for _ in range(2):
        status, feed = body(server, "/feeds/news.atom")
        assert status == 200 and title not in feed  # the old copy is never served again
    wait_for(lambda: stored_responses(site["prefix"]) > 0)  # caching resumed by itself


def test_without_the_database_cached_answers_flow_and_the_rest_is_a_plain_503(site):
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
    finally:
        site["database"].start()
    wait_for(lambda: server.request("/updates/").status == 200)
