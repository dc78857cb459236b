"""Retries with exponential backoff for jobs that talk to other servers (hubs, caches).

A failing attempt queues the next one `base × 2^(attempt-1)` seconds later (at most
`cap`), then fails itself, so every attempt's outcome shows in the job list; after
`max_attempts` nothing more is queued and the last failure stands.
"""

from datetime import timedelta

from django.utils import timezone

from django_tasks.base import Task


def backoff_seconds(attempt: int, *, base: float, cap: float) -> float:
    return min(base * 2 ** (attempt - 1), cap)


def deferred(task: Task, seconds: float) -> Task:
    """`task`, to run `seconds` from now where the backend can wait (the database queue);
    at once where it cannot (the tests' immediate backend)."""
    if not task.get_backend().supports_defer:
        return task
    return task.using(run_after=timezone.now() + timedelta(seconds=seconds))


def retry_later(
    task: Task, *, attempt: int, max_attempts: int, base: float, cap: float, **kwargs
) -> bool:
    """Queue attempt `attempt + 1` of `task`; False when the attempts are used up."""
    if attempt >= max_attempts:
        return False
    delay = backoff_seconds(attempt, base=base, cap=cap)
    deferred(task, delay).enqueue(attempt=attempt + 1, **kwargs)
    return True
