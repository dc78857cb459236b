"""Scheduled publishing by the worker's job: on time, once, and never silently failed."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
import time_machine

from news.models import NewsPage
from tests.factories import make_news
from worker.publishing import anything_due, publish_scheduled


def schedule(page, when):
    page.go_live_at = when
    page.save_revision(user=page.owner).publish()
    page.refresh_from_db()
    return page


def test_nothing_is_due_until_the_go_live_time(news_index):
    page = schedule(make_news(news_index, publish=False), timezone.now() + timedelta(minutes=5))
    assert not anything_due()
    assert publish_scheduled.call() == {"published": 0, "failed": 0, "expired": 0}
    with time_machine.travel(page.go_live_at + timedelta(seconds=1)):
        assert anything_due()
        assert publish_scheduled.call()["published"] == 1
        assert not anything_due()
    page.refresh_from_db()
    assert page.live


def test_running_the_job_twice_publishes_once(news_index):
    page = schedule(make_news(news_index, publish=False), timezone.now() + timedelta(minutes=5))
    revisions = page.revisions.count()
    with time_machine.travel(page.go_live_at + timedelta(seconds=1)):
        publish_scheduled.call()
        publish_scheduled.call()  # a restarted worker running the same job again
    logged = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
    assert logged.count() == 1
    assert page.revisions.count() == revisions  # publishing made no new revision


def test_expired_pages_are_unpublished(news_index):
    page = make_news(news_index)
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + timedelta(minutes=1))
    with time_machine.travel(timedelta(minutes=2)):
        assert publish_scheduled.call()["expired"] == 1
    page.refresh_from_db()
    assert not page.live and page.expired


@pytest.fixture
def invalid_scheduled_page(news_index, django_user_model):
    editor = django_user_model.objects.create_user("writer", "writer@example.org", "pw")
    page = make_news(news_index, publish=False, owner=editor)
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = page.save_revision(user=editor)
    revision.publish()  # scheduled while valid
    # ... then the stored revision lost its summary (an import, a migration, a shell).
    revision.content["summary"] = ""
    revision.save(update_fields=["content"])
    return page


def test_a_due_revision_that_fails_validation_is_reported_not_retried(invalid_scheduled_page):
    page = invalid_scheduled_page
    with time_machine.travel(page.go_live_at + timedelta(seconds=1)):
        assert publish_scheduled.call() == {"published": 0, "failed": 1, "expired": 0}
        assert not anything_due()  # off the schedule: never retried forever
        assert publish_scheduled.call()["failed"] == 0
    page.refresh_from_db()
    assert not page.live
    entry = PageLogEntry.objects.get(page=page, action="worker.publish.scheduled_failed")
    assert "summary" in entry.data["errors"]
    assert "Scheduled publishing failed" in entry.message
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["writer@example.org"]
    assert page.title in message.subject and "summary" in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body
