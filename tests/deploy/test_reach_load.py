"""10,000 requests from a load generator against a live gunicorn (two worker processes,
production settings): browsers reading cached and uncached answers, bots, readers who opt
out, prefetches, feed readers reporting their subscribers, partner sites calling the API
and loading the widget. After the worker's flush the database holds exactly the reads the
documented rules count (docs/reach.md), though Redis was restarted half-way and a flush
ran before the restart.

The expected counts are derived from the requests sent, by the rules, per kind of client:
nothing is hard-coded but the rules themselves."""

import json
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from tests.deploy.live import manage, start, stop
from tests.deploy.redis_server import RedisServer

pytestmark = [pytest.mark.live, pytest.mark.slow, pytest.mark.xdist_group("live-worker")]

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; )"
INOREADER = "Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 17 subscribers; )"
NETNEWSWIRE = "NetNewsWire (RSS Reader; https://netnewswire.com/)"
PARTNER = "https://www.permanet.eu"
REQUESTS = 10_000

READ_COUNTS = """
import json
from reach.flush import flush
from reach.models import DailyFetchers, DailyReads, FeedSubscribers
flush()
print(json.dumps({
    "reads": [[r.channel, r.path, r.origin, r.reads] for r in DailyReads.objects.all()],
    "fetchers": {r.path: r.fetchers for r in DailyFetchers.objects.all()},
    "subscribers": {r.reader: r.subscribers for r in FeedSubscribers.objects.all()},
}))
"""


@dataclass(frozen=True)
class Visit:
    path: str
    headers: dict
    counted_as: tuple[str, str, str] | None  # (channel, path, origin) by the rules


def visits(stories: list[str], rng: random.Random) -> list[Visit]:
    """The mix, each request with what the rules say it counts as."""
    browser = {"User-Agent": BROWSER}
    kinds = [
        # web pages (rendered for each read: HTML is not kept in the response cache)
        (400, lambda: (path := rng.choice(stories), browser, ("page", path, ""))),
        (200, lambda: (f"/search/?q=magnet{rng.randrange(10**9)}", browser,
                       ("page", "/search/", ""))),
        # feeds, calendars, the API and the widget: the first read renders, the rest are
        # answered from the response cache
        (2000, lambda: ("/feeds/news.rss", {"User-Agent": FEEDLY},
                        ("feed", "/feeds/news.rss", ""))),
        (1500, lambda: ("/feeds/news.rss", {"User-Agent": INOREADER},
                        ("feed", "/feeds/news.rss", ""))),
        (1500, lambda: ("/feeds/news.rss", {"User-Agent": NETNEWSWIRE},
                        ("feed", "/feeds/news.rss", ""))),
        (1000, lambda: ("/events/calendar.ics", browser,
                        ("calendar", "/events/calendar.ics", ""))),
        (1500, lambda: ("/api/v2/pages/?type=news.NewsPage", {**browser, "Origin": PARTNER},
                        ("api", "/api/v2/pages/", PARTNER))),
        (1000, lambda: ("/widgets/news.js", {**browser, "Referer": PARTNER + "/news/"},
                        ("widget", "/widgets/news.js", PARTNER))),
        # never counted: a crawler, readers who opt out, prefetches
        (300, lambda: ("/feeds/news.rss", {"User-Agent": GOOGLEBOT}, None)),
        (200, lambda: (rng.choice(stories), {"User-Agent": GOOGLEBOT}, None)),
        (150, lambda: ("/feeds/news.rss", {"User-Agent": NETNEWSWIRE, "DNT": "1"}, None)),
        (150, lambda: ("/api/v2/pages/?type=news.NewsPage", {**browser, "Sec-GPC": "1"}, None)),
        (100, lambda: (rng.choice(stories), {**browser, "Sec-Purpose": "prefetch"}, None)),
    ]  # fmt: skip
    assert sum(n for n, _ in kinds) == REQUESTS
    made = [Visit(*make()) for n, make in kinds for _ in range(n)]
    rng.shuffle(made)
    return made


@pytest.fixture(scope="module")
def counting_site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("reach-load")
    with RedisServer(workdir, persistent=True) as redis_server:
        overrides = {
            "REACH_REDIS_URL": redis_server.url, "REACH_KEY_PREFIX": "load",
            "GUNICORN_CMD_ARGS": "--threads 4",  # as the image runs it
        }  # fmt: skip
        server, process, log = start(workdir, env_overrides=overrides)
        yield server, process, redis_server
        stop(process, log, server)


def replay(server, visits_to_send: list[Visit]) -> Counter:
    """Send each request once, 8 at a time, and count the statuses."""

    def send(visit: Visit) -> int:
        response = server.request(visit.path, visit.headers)
        response.read()
        return response.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        return Counter(pool.map(send, visits_to_send))


def test_ten_thousand_requests_are_counted_exactly_after_the_flush(counting_site):
    server, process, redis_server = counting_site
    listing = json.loads(server.request("/api/v2/pages/?type=news.NewsPage&fields=_,html_url"
                                        "&limit=50").read())  # fmt: skip
    stories = [urlsplit(item["meta"]["html_url"]).path for item in listing["items"]]
    sent = visits(stories, random.Random(28))
    # (That listing was read by a script without a user agent: not counted.)

    half = len(sent) // 2
    statuses = replay(server, sent[:half])
    manage(server.env, "shell", "-c", "from reach.flush import flush; flush()")
    redis_server.restart()  # with its append-only file: what it held survives
    statuses += replay(server, sent[half:])
    assert statuses == {200: REQUESTS}
    process.terminate()  # gunicorn's workers send what they hold as they exit
    process.wait(timeout=30)

    counted = json.loads(manage(server.env, "shell", "-c", READ_COUNTS).splitlines()[-1])
    expected = Counter(visit.counted_as for visit in sent if visit.counted_as)
    assert {tuple(row[:3]): row[3] for row in counted["reads"]} == dict(expected)
    assert counted["subscribers"] == {"Feedly": 42, "Inoreader": 17}
    # three feed readers fetched the feed (the listed ones count as they report subscribers)
    assert counted["fetchers"]["/feeds/news.rss"] == 3
