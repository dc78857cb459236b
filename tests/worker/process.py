"""A real worker process (`manage.py run_worker`) beside a live server, and patience."""

import subprocess

from tests.deploy.live import BIN, ROOT

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
