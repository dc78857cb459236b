"""The worker's clock enqueues a periodic job once per period, and only with work to do."""

from datetime import timedelta

from django.utils import timezone

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from worker import clock
from worker.publishing import publish_scheduled


@pytest.fixture
def database_queue(settings):
    """The real queue (the suite otherwise runs jobs at once)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }


def queued(task) -> int:
    return DBTaskResult.objects.filter(task_path=task.module_path).count()


def test_tick_enqueues_only_when_something_is_due(database_queue, news_index):
    from tests.factories import make_news

    assert "publish-scheduled" not in clock.tick()  # nothing is due
    page = make_news(news_index, publish=False)
    page.go_live_at = timezone.now() + timedelta(minutes=1)
    page.save_revision().publish()
    with time_machine.travel(timedelta(minutes=2)):
        assert "publish-scheduled" in clock.tick()
        assert queued(publish_scheduled) == 1
        assert clock.tick() == []  # the same period: every job claimed already
    with time_machine.travel(timedelta(minutes=3)):
        assert "publish-scheduled" not in clock.tick()  # due, but its job still waits
    assert queued(publish_scheduled) == 1
