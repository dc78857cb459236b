"""Lanes: work the worker runs in threads of their own beside its main loop, so that it
neither waits for the queue's jobs and the clock nor delays them.

The `network` queue's jobs (partner feeds: other people's servers) have one, made by
`run_worker`; other apps register theirs in their `ready()` (delivery renders ahead after
each change). A lane is a step called again and again until the worker stops; each step
says how long to wait before the next. A step that fails is logged and tried again after
WORKER_POLL_SECONDS: the database away for a while stops no lane for good.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger("worker")


@dataclass(frozen=True)
class Lane:
    name: str
    step: Callable[[], float]  # does what is due; returns the seconds until the next step
    on_stop: Callable[[], None] | None = None  # asks the step at hand to end early
    stop_within: float = 5.0  # how long a stopping worker waits for the step at hand


REGISTRY: dict[str, Lane] = {}


def register(lane: Lane) -> None:
    REGISTRY[lane.name] = lane


class LaneThread(threading.Thread):
    def __init__(self, lane: Lane):
        super().__init__(name=f"{lane.name}-lane", daemon=True)
        self.lane = lane
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.stopping.wait(run_step(self.lane))
        finally:
            connection.close()

    def ask_to_stop(self) -> None:
        """No step after the one at hand, which is asked to end early where it can."""
        self.stopping.set()
        if self.lane.on_stop:
            self.lane.on_stop()

    def stop(self) -> None:
        """After the step at hand (ask every lane first, then stop each: they end together)."""
        self.ask_to_stop()
        self.join(timeout=self.lane.stop_within)


def run_step(lane: Lane) -> float:
    """One step of `lane`; a failure is logged and waited out."""
    try:
        return lane.step()
    except DatabaseError as error:  # the database away for a while: wait
        logger.warning("%s lane: %s", lane.name, error)
        connection.close()
    except Exception:
        logger.exception("%s lane: a step failed", lane.name)
    return settings.WORKER_POLL_SECONDS
