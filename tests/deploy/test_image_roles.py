"""The image's two roles, run as the container runs them (no Docker engine here): the
entrypoint starts gunicorn or the worker, and the healthcheck judges either."""

import os
import subprocess
import sys
import time

import pytest

from tests.deploy.live import (
    BIN,
    ROOT,
    LiveServer,
    deployed,
    drop_database,
    free_port,
    production_env,
    redis_available,
)

# The deployment tests run on one worker (the deployment they copy is made once per worker).
# A deployment's smoke test, the same on any database: the slow tier runs it once.
pytestmark = [
    pytest.mark.live,
    pytest.mark.slow,
    pytest.mark.engine_independent,
    pytest.mark.xdist_group("live"),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    workdir = tmp_path_factory.mktemp("roles")
    port = free_port()
    state = deployed(workdir, port)
    env = {**production_env(workdir, port, state["DATABASE_URL"]), **state}
    env.update(
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
        PORT=str(port),
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        WORKER_HEARTBEAT_SECONDS="0.5",
        WORKER_DEAD_AFTER_SECONDS="2",
    )
    yield env
    drop_database(env["DATABASE_URL"])


def healthcheck(env) -> int:
    command = [sys.executable, "-m", "cms.container_health"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True).returncode


def until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)  # the container's processes run on their own clock
    raise AssertionError("never healthy")


@pytest.mark.parametrize("role", ["web", "worker"])
def test_each_role_starts_and_reports_healthy(env, role):
    assert healthcheck(env) == 1  # nothing running yet
    process = subprocess.Popen(
        ["./docker-entrypoint.sh", role], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        until(lambda: healthcheck(env) == 0)
        if role == "web":
            server = LiveServer(f"http://127.0.0.1:{env['PORT']}", ROOT, env)
            assert server.request("/feeds/news.atom").status == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
    until(lambda: healthcheck(env) == 1, timeout=15)


def test_other_arguments_run_as_commands(env):
    result = subprocess.run(
        ["./docker-entrypoint.sh", "python", "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0 and "no issues" in result.stdout
