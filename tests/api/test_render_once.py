"""A missing answer is rendered by one reader while the others wait for it
(delivery.response_cache): after a publish, a feed polled by many readers at once is
rendered once, not once per reader."""

import threading
from dataclasses import replace

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from delivery.versions import versioned_key
from tests.factories import make_news

PATH = "/feeds/news.rss"


def stored_key() -> str:
    """The key the feed's answer is stored under, for the test client's requests."""
    return versioned_key("responses", "http", "testserver", PATH, "")


def another_reader_renders(key: str, *, stores: bytes | None, after: float) -> threading.Timer:
    """What a reader in another process does while it holds the render lock: after `after`
    seconds, stores `stores` as the answer (or nothing) and lets go of the lock."""
    template = cache.get(key)
    cache.delete(key)
    assert cache.add(f"{key}:rendering", 1, 30)

    def finish():
        if stores is not None:
            cache.set(key, replace(template, content=stores, gzipped=None), 60)
        cache.delete(f"{key}:rendering")

    timer = threading.Timer(after, finish)
    timer.start()
    return timer


def story_reads(captured: CaptureQueriesContext) -> int:
    return sum('"news_newspage"' in q["sql"] for q in captured.captured_queries)


def test_a_reader_waits_for_the_answer_another_is_rendering(news_index):
    make_news(news_index, title="Polled by many")
    assert b"Polled by many" in Client().get(PATH).content  # stored, so its shape is known
    timer = another_reader_renders(stored_key(), stores=b"<rss>rendered elsewhere</rss>", after=0.3)
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(PATH)  # a new process's client: no local copy
    timer.join()
    assert response.status_code == 200
    assert response.content == b"<rss>rendered elsewhere</rss>"
    assert story_reads(captured) == 0  # waited for it, rendered nothing


def test_a_reader_renders_itself_when_the_renderer_stores_nothing(news_index):
    make_news(news_index, title="Rendered after all")
    Client().get(PATH)
    timer = another_reader_renders(stored_key(), stores=None, after=0.3)
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(PATH)
    timer.join()
    assert b"Rendered after all" in response.content
    assert story_reads(captured) > 0
    assert cache.get(stored_key()).content == response.content  # and stored it for the others
    assert cache.get(f"{stored_key()}:rendering") is None  # its own lock let go


def test_a_reader_waits_no_longer_than_the_limit(news_index, settings):
    settings.RESPONSE_CACHE_WAIT_SECONDS = 0.2
    make_news(news_index, title="Renderer stuck")
    Client().get(PATH)
    key = stored_key()
    timer = another_reader_renders(key, stores=None, after=5)  # holds the lock past the limit
    try:
        response = Client().get(PATH)
    finally:
        timer.cancel()
        cache.delete(f"{key}:rendering")
    assert b"Renderer stuck" in response.content
