"""A real worker process (`manage.py run_worker`) beside a live server, and patience."""

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.deploy.live import BIN, ROOT, LiveServer, Shell, start, stop

# Polls, ticks and beats fast enough for a test to watch, and a dead worker noticed soon.
FAST_WORKER = {
    "WORKER_POLL_SECONDS": "0.2",
    "WORKER_CLOCK_SECONDS": "1",
    "WORKER_HEARTBEAT_SECONDS": "0.5",
    "WORKER_DEAD_AFTER_SECONDS": "2",
    "WEBSUB_RETRY_SECONDS": "0.3",
    "CONTENT_VERSION_CHECK_SECONDS": "0",
}


class Worker:
    def __init__(self, env: dict, workdir):
        self.env, self.log_path, self.process = env, workdir / "worker.log", None

    def start(self) -> None:
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop/kill)
        self.process = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "run_worker"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def kill(self) -> None:
        self.process.kill()  # as an out-of-memory killer or a lost machine would
        self.process.wait(timeout=10)
        self.log.close()


@contextmanager
def site_with_worker(workdir: Path, env: dict) -> Iterator[tuple[LiveServer, Worker, Shell]]:
    """A live gunicorn, the documented worker beside it and a Django shell (an editor in
    another process), all in `env` over FAST_WORKER; stopped and dropped afterwards."""
    server, gunicorn, log = start(workdir, env_overrides={**FAST_WORKER, **env})
    worker = Worker(server.env, workdir)
    worker.start()
    shell = Shell(server.env, workdir)
    try:
        yield server, worker, shell
    finally:
        shell.close()
        if worker.process.poll() is None:
            worker.stop()
        stop(gunicorn, log, server)
