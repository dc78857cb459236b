"""What the worker keeps about itself in the database, so any number of workers agree."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running worker, seen every WORKER_HEARTBEAT_SECONDS. A worker that stops beating
    (killed, machine gone) is dead: its running jobs are handed to the others."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class ClockEntry(models.Model):
    """When a periodic job is next due; claimed with one conditional UPDATE, so with many
    workers each period enqueues its job once."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name_plural = "clock entries"

    def __str__(self) -> str:
        return self.name
