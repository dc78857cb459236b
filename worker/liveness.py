"""Which workers are alive, and what happens to the jobs of one that died.

Each worker beats from a thread while it runs (also during a long job). A job left
RUNNING by a worker whose last beat is older than WORKER_DEAD_AFTER_SECONDS is put back
in the queue; jobs are written to be safe to run again (publishing re-checks what is
due inside its transaction, pings and purges may simply repeat).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


class Heartbeat:
    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "seen_at": now,
            },
        )
        self._thread.start()

    def stop(self) -> None:
        """A worker that leaves cleanly says so: its record goes at once."""
        self._stop.set()
        self._thread.join(timeout=5)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def _run(self) -> None:
        while not self._stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                    seen_at=timezone.now()
                )
            except Exception:  # a missed beat is retried; the worker itself keeps going
                logger.exception("heartbeat failed")
            finally:
                close_old_connections()
        connection.close()


def requeue_jobs_of_dead_workers() -> int:
    """Put back in the queue the running jobs whose worker stopped beating."""
    horizon = timezone.now() - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
    WorkerHeartbeat.objects.filter(seen_at__lt=horizon).delete()
    alive = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    requeued = 0
    for job in DBTaskResult.objects.filter(status="RUNNING").only("id", "worker_ids"):
        if job.worker_ids and job.worker_ids[-1] in alive:
            continue
        requeued += DBTaskResult.objects.filter(pk=job.pk, status="RUNNING").update(
            status="READY", started_at=None
        )
        logger.warning("job %s of a dead worker is back in the queue", job.pk)
    return requeued
