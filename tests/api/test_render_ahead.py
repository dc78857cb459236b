"""After a change made by another process, this process keeps serving the previous cached
answers until the worker has rendered the new ones ahead (or CONTENT_VERSION_WARM_SECONDS
have passed), then serves what the worker rendered (delivery.versions, delivery.warming).

"Another process" is what its commit leaves in the database: the changed row and a
bumped counter, both written here by plain updates, as no signal of this process sees.
"""

import contextlib
import threading
import time
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from wagtail.models import Page

import pytest

from delivery import interest, warming
from delivery.models import ContentVersion
from delivery.versions import bump_content_version, content_version, key_at
from news.models import NewsPage
from tests.factories import make_news

FEED = "/feeds/news.atom"
RIVER = "/feeds/network.atom"


def another_process_changes(
    page: NewsPage, title: str, *, scope: str = "everything", seconds_ago: float = 0.0
) -> None:
    """The commit of a change made `seconds_ago`: a bump's counter is the bumping clock in
    microseconds (delivery.versions), so a change can be dated without waiting for it."""
    NewsPage.objects.filter(pk=page.pk).update(title=title)
    counter = time.time_ns() // 1000 - int(seconds_ago * 1_000_000)
    ContentVersion.objects.filter(scope=scope).update(counter=counter)


def published_long_ago(news_index, title: str, capture) -> NewsPage:
    """A story whose publish this process committed, its counter dated 100 s back, so the
    changes that follow can be dated in the past and still be newer."""
    with capture(execute=True):  # the editor's commit: this process adopts what it reads next
        page = make_news(news_index, title=title)
    counter = time.time_ns() // 1000 - 100_000_000
    ContentVersion.objects.filter(scope="everything").update(counter=counter)
    return page


def read(path: str) -> tuple[str, str]:
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode(), response["X-Cache"]


def test_readers_keep_the_previous_answers_until_the_worker_has_rendered_the_new_ones(
    news_index, settings, django_capture_on_commit_callbacks
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0  # look at the counters on every request
    settings.CONTENT_VERSION_WARM_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):  # the editor's commit
        page = make_news(news_index, title="Before the edit")
    body, status = read(FEED)
    assert "Before the edit" in body and status == "MISS"

    another_process_changes(page, "After the edit")
    body, status = read(FEED)
    assert "Before the edit" in body and status == "HIT"  # the previous answer, stored

    assert warming.step() == 0.0  # the worker's lane: it found work, and did it
    body, status = read(FEED)
    assert "After the edit" in body and status == "HIT"  # rendered ahead by the worker
    assert warming.step() == warming.POLL_SECONDS  # nothing left to warm


def test_without_a_worker_readers_switch_once_the_warm_seconds_have_passed(
    news_index, settings, django_capture_on_commit_callbacks
):
    """Nobody renders ahead: a change as old as the bound is served anyway (before it,
    the previous answer is: the first test)."""
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    settings.CONTENT_VERSION_WARM_SECONDS = 5
    page = published_long_ago(news_index, "Before the edit", django_capture_on_commit_callbacks)
    read(FEED)
    another_process_changes(page, "After the edit", seconds_ago=6)
    body, status = read(FEED)
    assert "After the edit" in body and status == "MISS"  # rendered by this reader


def test_only_stored_answers_to_readers_are_noted_and_warmed_by_what_the_change_retires(
    news_index, settings, django_capture_on_commit_callbacks
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    settings.CONTENT_VERSION_WARM_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, title="Noted")
    for path in (FEED, RIVER, FEED):
        read(path)
    assert Client().get("/api/v2/pages/987654321/").status_code == 404  # never stored
    asked = interest.most_asked(10)
    assert {entry[2] for entry in asked} == {FEED, RIVER}  # each once in this version

    # A partner item changed: only the river's outputs are retired and rendered ahead.
    another_process_changes(page, "Not retired by a partner item", scope="river")
    warming.step()
    assert "Noted" in read(FEED)[0]  # this version's answer, not rendered again
    assert read(RIVER)[1] == "HIT"
    assert interest.most_asked(10) == asked  # the worker's requests noted nothing


def test_later_changes_do_not_prolong_the_wait(
    news_index, settings, django_capture_on_commit_callbacks
):
    """Partner feeds can bump the river every few seconds: the bound counts from the
    first change a process has not adopted, not from the latest. (The changes are dated
    by their counters, and the bound is shortened between the reads, instead of waiting.)"""
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    settings.CONTENT_VERSION_WARM_SECONDS = 60
    page = published_long_ago(news_index, "Before the edits", django_capture_on_commit_callbacks)
    read(FEED)
    another_process_changes(page, "First edit", seconds_ago=20)
    assert "Before the edits" in read(FEED)[0]  # seen, not adopted: nobody rendered ahead
    another_process_changes(page, "Second edit")  # just now
    settings.CONTENT_VERSION_WARM_SECONDS = 10  # the first is over the bound, not the second
    assert "Second edit" in read(FEED)[0]


def test_another_thread_never_serves_under_a_counter_not_yet_committed(news_index):
    """A thread whose transaction bumped sees its change at once, by itself: another
    thread of the process (a gthread worker) keeps the committed counters, or it would
    store answers of the old rows under the new counter, to be served once it commits
    (the test's transaction, never committed, is the editor's open one)."""

    def in_another_thread() -> str | None:
        seen = []
        thread = threading.Thread(
            target=lambda: (seen.append(content_version()), connection.close())
        )
        thread.start()
        thread.join()
        return seen[0]

    committed = in_another_thread()
    make_news(news_index, title="Inside the editor's transaction")
    assert content_version() != committed  # this thread sees its own change
    assert in_another_thread() == committed


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_is_not_served_a_moment_longer():
    """Out of its transaction, a thread forgets the counter it bumped and saw: rolled
    back, that counter never existed, and answers stored under it must not be made."""
    committed = content_version()
    with contextlib.suppress(RuntimeError), transaction.atomic():
        bump_content_version()
        assert content_version() != committed  # inside: this thread sees its own change
        raise RuntimeError("the publish failed")
    assert content_version() == committed


def test_an_answer_rendered_ahead_is_kept_no_longer_than_the_new_content_allows(
    news_index, settings, django_capture_on_commit_callbacks
):
    """The worker reads everything under the newest counters, the answer's validity too:
    a change that gives a story an expiry must not be stored with the deadline of the
    version before it (none), or the story would stay in the feed past its expiry."""
    settings.CONTENT_VERSION_CHECK_SECONDS = 0
    settings.CONTENT_VERSION_WARM_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, title="Soon expiring")
    read(FEED)  # stored while nothing is scheduled: kept RESPONSE_CACHE_SECONDS
    expires = timezone.now() + timedelta(minutes=5)
    Page.objects.filter(pk=page.pk).update(expire_at=expires)
    another_process_changes(page, "Expiring in five minutes")

    warming.step()
    assert read(FEED)[1] == "HIT"
    stored = cache.get(key_at(content_version(), "responses", "http", "testserver", FEED, ""))
    assert "Expiring in five minutes" in stored.content.decode()
    assert stored.valid_until <= expires.timestamp()
