"""Periodic jobs: each app registers what it needs done every so often.

The worker ticks the clock every WORKER_CLOCK_SECONDS. A job whose period has come is
claimed by one worker (a conditional UPDATE on its ClockEntry), asked whether there is
anything to do (`due`, a cheap query), and enqueued unless the same task is already
waiting or running. Nothing is enqueued while there is nothing to do.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from .models import ClockEntry

PENDING = ("READY", "RUNNING")


@dataclass(frozen=True)
class Periodic:
    name: str
    every: Callable[[], timedelta]
    task: Task
    due: Callable[[], bool] | None = None


REGISTRY: dict[str, Periodic] = {}


def register(periodic: Periodic) -> None:
    REGISTRY[periodic.name] = periodic


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic job that is due; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in REGISTRY.values():
        if not _claim(periodic, now):
            continue
        if periodic.due is not None and not periodic.due():
            continue
        if is_pending(periodic.task):
            continue
        periodic.task.enqueue()
        enqueued.append(periodic.name)
    return enqueued


def is_pending(task: Task) -> bool:
    return DBTaskResult.objects.filter(task_path=task.module_path, status__in=PENDING).exists()


def _claim(periodic: Periodic, now: datetime) -> bool:
    ClockEntry.objects.get_or_create(name=periodic.name, defaults={"next_run_at": now})
    claimed = ClockEntry.objects.filter(name=periodic.name, next_run_at__lte=now).update(
        next_run_at=now + periodic.every(), last_run_at=now
    )
    return claimed == 1
