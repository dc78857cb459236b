"""`manage.py run_worker`: the background worker (one of the site's two processes).

Runs the jobs of the database queue (django-tasks-db), ticks the clock of periodic jobs
(scheduled publishing, partner feeds, newsletters) and hands the jobs of dead workers to
the living. Any number can run at once. Stops cleanly on SIGINT or SIGTERM, after the
job at hand; a second signal stops at once.

Jobs that wait on other people's servers (the `network` queue: partner-feed fetching)
run in a lane of their own, a thread beside the main loop, so however slowly partners
answer, the hub's own jobs and the clock go on; apps add lanes of their own
(worker.lanes: rendering ahead after a change). `--once` runs every ready job, then one
step of each app's lane, one after the other.
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

from worker import clock
from worker.lanes import REGISTRY as lanes_registry
from worker.lanes import Lane, LaneThread, run_step
from worker.liveness import Heartbeat, requeue_jobs_of_dead_workers

logger = logging.getLogger("worker")


class ClockedQueueWorker(QueueWorker):
    """django-tasks-db's worker, calling `between_jobs` after every job: the clock ticks
    while a backlog drains, so a story due during a long run of image encodings or feed
    fetches is published next (its job has a higher priority), not after the backlog."""

    def __init__(self, *args, between_jobs: Callable[[], None], **kwargs):
        super().__init__(*args, **kwargs)
        self.between_jobs = between_jobs

    def run_task(self, db_task_result) -> None:
        try:
            super().run_task(db_task_result)
        finally:
            self.between_jobs()


# Queues served by a lane of their own (see the module's docstring).
OWN_LANE_QUEUES = ["network"]


def _queue_options(worker_id: str) -> dict:
    return {"interval": 0, "batch": True, "backend_name": "default", "startup_delay": False,
            "max_tasks": None, "worker_id": worker_id}  # fmt: skip


def network_lane(worker_id: str) -> Lane:
    """The `network` queue's jobs, in a lane of their own. Shares the worker's id, so its
    heartbeat covers these jobs too; a stopping worker waits for the fetch at hand, which
    ends within its deadline."""
    queue = QueueWorker(
        **_queue_options(worker_id), queue_names=OWN_LANE_QUEUES, excluded_queue_names=[]
    )

    def step() -> float:
        queue.run()  # every ready job, then wait for more
        return settings.WORKER_POLL_SECONDS

    return Lane("network", step, on_stop=lambda: setattr(queue, "running", False),
                stop_within=settings.NETWORK_FETCH_TIMEOUT_SECONDS + 5)  # fmt: skip


class Command(BaseCommand):
    help = "Run the background worker: queued jobs, periodic jobs, scheduled publishing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Tick the clock and run every job that is ready, then stop (for cron or tests).",
        )

    def handle(self, *args, once=False, **options):
        worker_id = get_random_string(32)
        self.next_tick = self.next_reap = 0.0
        queue = ClockedQueueWorker(
            **_queue_options(worker_id),
            queue_names=["*"],
            excluded_queue_names=[] if once else OWN_LANE_QUEUES,
            between_jobs=self._keep_time,
        )
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        lanes = [] if once else [network_lane(worker_id), *lanes_registry.values()]
        threads = [LaneThread(lane) for lane in lanes]
        queue.configure_signals()
        logger.info("worker %s started", worker_id)
        try:
            for thread in threads:
                thread.start()
            self._loop(queue, once=once)
            if once:
                for lane in lanes_registry.values():
                    run_step(lane)
        finally:
            for thread in threads:
                thread.ask_to_stop()
            for thread in threads:
                thread.stop()
            heartbeat.stop()
            logger.info("worker %s stopped", worker_id)

    def _keep_time(self) -> None:
        """Hand on the jobs of dead workers and tick the clock, each when its time has come."""
        now = time.monotonic()
        if now >= self.next_reap:
            requeue_jobs_of_dead_workers()
            self.next_reap = now + settings.WORKER_HEARTBEAT_SECONDS
        if now >= self.next_tick:
            clock.tick()
            self.next_tick = now + settings.WORKER_CLOCK_SECONDS

    def _loop(self, queue: QueueWorker, *, once: bool) -> None:
        while True:
            self._keep_time()
            queue.run()  # every ready job (keeping time between them), then back here
            if once or not queue.running:
                return
            time.sleep(settings.WORKER_POLL_SECONDS)
