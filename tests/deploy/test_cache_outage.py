"""A Redis of the test's own, paused or stopped under a live gunicorn with production
settings: nothing the database no longer holds is served after the outage, limits keep
limiting during it (and count right under concurrent guesses), and the log says what an
operator needs once per interval, not a traceback per request."""

import json
import re
import threading
import time

import pytest

from tests.deploy.live import (
    BIN,
    ROOT,
    LiveServer,
    deployed,
    drop_database,
    eventually,
    free_port,
    manage,
    production_env,
)
from tests.deploy.redis_server import RedisServer

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live")]
# Every request reads the content versions and adopts them at once (no worker renders
# ahead here), so "within CONTENT_VERSION_CHECK_SECONDS and CONTENT_VERSION_WARM_SECONDS
# of Redis coming back" is "on the first request after it": no clock to wait for.
CHECK_SECONDS = 0
OUTAGE_LOG_SECONDS = 2


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import subprocess

    workdir = tmp_path_factory.mktemp("cache-outage")
    redis = RedisServer(workdir)
    redis.start()
    port = free_port()
    state = deployed(workdir, port)
    env = {
        **production_env(workdir, port, state["DATABASE_URL"]),
        **state,
        "REDIS_URL": redis.url,
        "CACHE_RETRY_SECONDS": "1",
        "CONTENT_VERSION_CHECK_SECONDS": str(CHECK_SECONDS),
        "CONTENT_VERSION_WARM_SECONDS": str(CHECK_SECONDS),
        "OUTAGE_LOG_SECONDS": str(OUTAGE_LOG_SECONDS),
        "DATABASE_CONN_MAX_AGE": "0",
        "NEWSLETTER_CHECK_MAIL_HOST": "false",  # this machine has no DNS to ask
    }
    log_path = workdir / "gunicorn.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "8", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", workdir, env)
    eventually(lambda: server.request("/healthz").status == 200)
    yield {"server": server, "redis": redis, "env": env, "log": log_path}
    process.terminate()
    process.wait(timeout=20)
    log.close()
    redis.stop()
    drop_database(state["DATABASE_URL"])


def text(server, path: str) -> str:
    response = server.request(path)
    assert response.status == 200, (path, response.status)
    return response.read().decode()


def shell(site, code: str) -> str:
    return manage(site["env"], "shell", "-c", code).strip().splitlines()[-1]


def test_an_unpublish_from_a_shell_while_redis_is_paused_is_never_served_after(site):
    server, redis = site["server"], site["redis"]
    listing = "/api/v2/pages/?type=news.NewsPage&fields=title&limit=50"
    title = json.loads(text(server, listing))["items"][0]["title"]
    for path in (listing, "/feeds/news.rss", "/feeds/news.atom"):
        assert title in text(server, path)  # now stored in Redis, under today's versions

    redis.pause()  # Redis holds those copies but answers nothing; nobody reads the site
    try:
        shell(
            site,
            "from news.models import NewsPage; "
            f"NewsPage.objects.get(title={title!r}).unpublish(); print('done')",
        )
    finally:
        redis.resume()
    for path in (listing, "/feeds/news.rss", "/feeds/news.atom"):
        assert title not in text(server, path), path


def _restricted_page(site) -> tuple[str, str]:
    return tuple(shell(
        site,
        "from django.urls import reverse; from wagtail.models import PageViewRestriction; "
        "from news.models import NewsPage; p = NewsPage.objects.live().order_by('pk').first(); "
        "r = PageViewRestriction.objects.create(page=p, restriction_type='password', "
        "password='s3cret'); "
        "print(p.url + ' ' + reverse('wagtailcore_authenticate_with_password', args=[r.pk, p.pk]))",
    ).split())  # fmt: skip


class Guesser:
    """A reader at the password form: its CSRF cookie and token, and a guess per call."""

    def __init__(self, server: LiveServer, page_url: str, form_url: str):
        self.server, self.form_url = server, form_url
        page = server.request(page_url)
        cookie = page.headers["Set-Cookie"]
        self.cookie = cookie.split(";", 1)[0]
        html = page.read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def guess(self, password: str) -> int:
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, "password": password,
                                       "return_url": "/"}).encode()  # fmt: skip
        request = urllib.request.Request(
            self.server.base_url + self.form_url, data=body, method="POST",
            headers={"X-Forwarded-Proto": "https", "Cookie": self.cookie,
                     "Referer": self.server.base_url.replace("http:", "https:") + "/",
                     "Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def test_limits_keep_limiting_while_redis_is_down_and_the_log_stays_short(site):
    server, redis = site["server"], site["redis"]
    page_url, form_url = _restricted_page(site)
    guesser = Guesser(server, page_url, form_url)
    started = time.monotonic()
    redis.stop()
    try:
        answers = [guesser.guess("wrong") for _ in range(7)]
        assert answers == [200] * 5 + [429] * 2  # five wrong passwords, then no more
        subscribe = [
            server.request("/api/v2/newsletter/subscriptions/", method="POST",
                           headers={"Content-Type": "application/json"},
                           data=json.dumps({"email": f"victim+{n}@example.org"}).encode())
            for n in range(7)
        ]  # fmt: skip
        assert [r.status for r in subscribe] == [202] * 5 + [429] * 2  # one mailbox
        for _ in range(40):
            assert server.request("/feeds/news.rss").status == 200  # served, uncached
    finally:
        redis.start()
    outage = time.monotonic() - started
    eventually(lambda: json.loads(text(server, "/healthz"))["cache"] == "ok")
    log = site["log"].read_text()
    lines = [line for line in log.splitlines() if "cache" in line and "unreachable" in line]
    per_process = 2 + outage / OUTAGE_LOG_SECONDS  # the first, then one per interval
    assert 0 < len(lines) <= 2 * per_process, lines
    assert "Traceback" not in log
    assert any("cache reachable again" in line for line in log.splitlines())


def test_concurrent_guesses_are_bounded_by_the_limit(site):
    server = site["server"]
    page_url, form_url = _restricted_page(site)
    guessers = [Guesser(server, page_url, form_url) for _ in range(24)]
    start = threading.Barrier(len(guessers))
    answers: list[int] = []

    def guess(guesser: Guesser) -> None:
        start.wait()
        answers.append(guesser.guess("wrong"))

    threads = [threading.Thread(target=guess, args=(g,)) for g in guessers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 24
    assert answers.count(200) == 5 and answers.count(429) == 19, sorted(answers)
