"""Reads are counted without anything personal: cached and fresh answers alike, bots,
prefetches and readers who opt out left out, nothing written to the database during a
request; the worker's flush adds each count once, across a Redis restart and a flush cut
short."""

import threading
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import redis

from reach import buffer
from reach.buffer import key, push
from reach.flush import flush
from reach.models import DailyFetchers, DailyReads, FeedSubscribers, FlushedBatch
from tests.factories import make_news

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
FEED_READER = "NetNewsWire (RSS Reader; https://netnewswire.com/)"


def reads() -> dict[tuple[str, str, str], int]:
    return {
        (row.channel, row.path, row.origin): row.reads
        for row in DailyReads.objects.filter(day=timezone.localdate())
    }


def test_fresh_and_cached_reads_are_counted_once_flushed(reach_redis, news_index):
    story = make_news(news_index, title="Counted")
    browser = Client(HTTP_USER_AGENT=BROWSER)
    for _ in range(3):
        assert browser.get(story.url).status_code == 200
    for _ in range(4):  # the first renders, the others come from the cache
        assert browser.get("/feeds/news.rss").status_code == 200
    partner = {"HTTP_ORIGIN": "https://www.permanet.eu"}
    for _ in range(2):
        browser.get("/api/v2/pages/?type=news.NewsPage", **partner)
    browser.get("/static/css/site.css")  # not a read of content
    assert DailyReads.objects.count() == 0  # nothing before the worker's flush
    flush()
    assert reads() == {
        ("page", story.url, ""): 3,
        ("feed", "/feeds/news.rss", ""): 4,
        ("api", "/api/v2/pages/", "https://www.permanet.eu"): 2,
    }


def test_bots_prefetches_and_readers_who_opt_out_are_not_counted(reach_redis, news_index):
    story = make_news(news_index, title="Not for bots")
    for headers in (
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        },
        {"HTTP_USER_AGENT": BROWSER, "HTTP_DNT": "1"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_GPC": "1"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {},  # no user agent at all: a script
    ):
        assert Client(**headers).get(story.url).status_code == 200
    Client(HTTP_USER_AGENT=BROWSER).get("/no-such-page/")  # a 404 is no read
    flush()
    assert reads() == {}


def test_a_request_writes_nothing_to_the_database(reach_redis, news_index):
    story = make_news(news_index, title="Read only")
    browser = Client(HTTP_USER_AGENT=BROWSER)
    browser.get(story.url)
    with CaptureQueriesContext(connection) as captured:
        browser.get(story.url)
        browser.get("/feeds/news.atom", HTTP_USER_AGENT=FEED_READER)
    writes = [q["sql"] for q in captured.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]  # fmt: skip
    assert writes == []


def test_feed_readers_report_subscribers_and_fetchers_are_counted_per_day(reach_redis, news_index):
    make_news(news_index)
    feedly = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; )"
    Client(HTTP_USER_AGENT=feedly).get("/feeds/news.atom")
    Client(HTTP_USER_AGENT=feedly.replace("42", "45")).get("/feeds/news.atom")
    Client(HTTP_USER_AGENT="NewsBlur Feed Fetcher - 7 subscribers - http://www.newsblur.com/"
           ).get("/feeds/news.atom")  # fmt: skip
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.2"):
        Client(HTTP_USER_AGENT=FEED_READER, REMOTE_ADDR=address).get("/feeds/news.atom")
    flush()
    subscribers = dict(FeedSubscribers.objects.values_list("reader", "subscribers"))
    assert subscribers == {"Feedly": 45, "NewsBlur Feed Fetcher": 7}
    fetchers = DailyFetchers.objects.get(path="/feeds/news.atom")
    assert fetchers.fetchers == 4  # Feedly, NewsBlur and two NetNewsWire addresses
    assert reads()[("feed", "/feeds/news.atom", "")] == 6


def test_counts_survive_a_redis_restart_and_a_cut_short_flush_once(reach_redis, news_index):
    story = make_news(news_index, title="Kept")
    browser = Client(HTTP_USER_AGENT=BROWSER)
    for _ in range(5):
        browser.get(story.url)
    reach_redis.restart()  # its append-only file keeps what was counted
    browser.get(story.url)
    # A flush cut short after its commit: its batch is recorded but still in Redis.
    direct = redis.Redis.from_url(reach_redis.url)
    direct.rename(key("reads"), key("flushing:cut-short"))
    FlushedBatch.objects.create(name=key("flushing:cut-short"))
    DailyReads.objects.create(day=timezone.localdate(), channel="page", path=story.url, reads=6)
    browser.get(story.url)
    flush()
    flush()  # nothing more to add
    assert reads() == {("page", story.url, ""): 7}
    assert direct.keys(key("flushing:*")) == []


def test_partner_origins_are_capped_so_nobody_can_fill_the_table(reach_redis, news_index, settings):
    settings.REACH_MAX_ORIGINS = 2
    make_news(news_index)
    browser = Client(HTTP_USER_AGENT=BROWSER)
    origins = {"https://a.example": 3, "https://b.example": 2, "https://c.example": 1,
               "https://d.example/some/page": 1}  # fmt: skip
    for origin, times in origins.items():
        for _ in range(times):
            browser.get("/api/v2/pages/", HTTP_ORIGIN=origin)
    flush()
    by_origin = {origin: n for (_, _, origin), n in reads().items()}
    assert by_origin == {"https://a.example": 3, "https://b.example": 2, "other": 2}


def test_a_process_holds_its_reads_and_sends_them_together(reach_redis, news_index, settings):
    """A round trip per read would cost more than the cached answer it counts: a process
    sends what it holds every REACH_PUSH_SECONDS (and when it exits)."""
    settings.REACH_PUSH_SECONDS = 3600
    story = make_news(news_index, title="Held")
    browser = Client(HTTP_USER_AGENT=BROWSER)
    for _ in range(4):
        browser.get(story.url)
    flush()
    assert reads() == {}  # still held by this process
    push()
    flush()
    assert reads() == {("page", story.url, ""): 4}


def test_a_quiet_process_sends_what_it_holds_without_another_read(
    reach_redis, news_index, settings, monkeypatch
):
    settings.REACH_PUSH_SECONDS = 0.3
    story = make_news(news_index, title="Read once")
    push()  # nothing held
    # However long the request takes on a busy machine (longer than REACH_PUSH_SECONDS on
    # CI once), its read must be held, not sent by the read itself: the process's last
    # push is dated ahead of it.
    monkeypatch.setitem(buffer._pending, "since", time.monotonic() + 3600)
    Client(HTTP_USER_AGENT=BROWSER).get(story.url)
    timer = buffer._timer["thread"]
    assert timer is not None  # no read, no exit: only the process's timer can send it
    timer.join(timeout=10)  # the timer's own end, not a guess at how long it takes
    assert redis.Redis.from_url(reach_redis.url).exists(key("reads"))
    flush()
    assert reads() == {("page", story.url, ""): 1}


def test_a_new_process_s_first_reads_together_are_all_counted(
    reach_redis, settings, monkeypatch, db
):
    """Two threads make the client at once (a new gunicorn process's first requests): the
    one that finishes second must not empty what the first counted meanwhile."""
    settings.REACH_PUSH_SECONDS = 3600  # held in the process: looked at below
    monkeypatch.setitem(buffer._client, "url", None)  # this process has no client yet
    connecting, go_on = threading.Event(), threading.Event()
    real_from_url = redis.Redis.from_url

    def slow_from_url(*args, **kwargs):  # the library's connection set-up, made slow once
        if threading.current_thread().name == "slow":
            connecting.set()
            go_on.wait(timeout=10)
        return real_from_url(*args, **kwargs)

    monkeypatch.setattr(redis.Redis, "from_url", slow_from_url)
    slow = threading.Thread(target=buffer.client, name="slow")
    slow.start()
    assert connecting.wait(timeout=10)
    quick = threading.Thread(target=buffer.count, args=(timezone.localdate(), "page", "/a", ""))
    quick.start()
    go_on.set()
    for thread in (slow, quick):
        thread.join(timeout=10)
    assert sum(buffer._pending["reads"].values()) == 1
    push()
    flush()
    assert reads() == {("page", "/a", ""): 1}


def test_what_anyone_could_invent_or_that_names_someone_is_not_kept(reach_redis, news_index):
    story = make_news(news_index, title="Private links")
    browser = Client(HTTP_USER_AGENT=BROWSER)
    browser.get("/newsletter/manage/some-signed-token/")  # a subscriber's own link
    Client(HTTP_USER_AGENT="Foo123/1.0 (; 100000 subscribers)").get("/feeds/news.atom")
    for _ in range(2):
        browser.get(f"/api/v2/pages/{story.pk}/", HTTP_ORIGIN="https://user:pw@partner.example")
    flush()
    assert not any(path.startswith("/newsletter/") for _, path, _ in reads())
    assert not FeedSubscribers.objects.exists()
    assert reads()[("api", "/api/v2/pages/", "https://partner.example")] == 2


def test_counting_that_fails_costs_no_reader_their_answer(reach_redis, news_index, settings):
    settings.REACH_REDIS_URL = "no-such-scheme://nowhere"  # a configuration mistake
    story = make_news(news_index, title="Still served")
    assert Client(HTTP_USER_AGENT=BROWSER).get(story.url).status_code == 200
