"""Keeping the queue table small: finished jobs are kept for a while, then deleted."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import clock


@task()
def prune_job_results() -> int:
    """Successful jobs go after WORKER_KEEP_JOBS_DAYS, failed ones after four times that."""
    now = timezone.now()
    keep = timedelta(days=settings.WORKER_KEEP_JOBS_DAYS)
    successful = DBTaskResult.objects.filter(status="SUCCESSFUL", finished_at__lt=now - keep)
    failed = DBTaskResult.objects.filter(status="FAILED", finished_at__lt=now - 4 * keep)
    return successful.delete()[0] + failed.delete()[0]


clock.register(
    clock.Periodic(
        name="prune-job-results", every=lambda: timedelta(hours=1), task=prune_job_results
    )
)
