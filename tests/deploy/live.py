"""A real gunicorn, production settings, a fresh database with demo content."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.shared_setup import (
    copy_database,
    database_url_like,
    drop_database,
    is_postgres,
    manage,
    migrated_database,
    run_dir,
    run_id,
    run_lock,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class LiveServer:
    base_url: str
    workdir: Path
    env: dict

    def request(
        self, path: str, headers: dict | None = None, method: str = "GET", data: bytes | None = None
    ):
        """Fetch as if through the TLS-terminating proxy; 304s are returned, not raised."""
        request = urllib.request.Request(
            self.base_url + path,
            headers={"X-Forwarded-Proto": "https", **(headers or {})},
            method=method,
            data=data,
        )
        try:
            return urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as error:
            return error


def production_env(workdir: Path, port: int, database_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "TRUST_X_FORWARDED_PROTO": "true",
        "LOG_LEVEL": "WARNING",
        # production requires a shared cache
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "Network <news@example.org>",
        "CACHE_KEY_PREFIX": f"live-{secrets.token_hex(4)}",
    }
    return env


def deployed(workdir: Path, port: int) -> dict:
    """A deployment's state for a new live site: a copy of a database migrated and loaded
    with the demo site, a copy of its media, and its collected static files.

    Deploying (the run's migrated template copied, the demo site loaded, static files
    collected, as a deployment does) is done once per test run, by the first process that
    asks, and copied for each site; the site record is then pointed at the new site's
    port, as `load_demo_content` would.
    """
    template = run_dir() / "deployed"
    with run_lock("deployed"):
        if not (template / "done").exists():
            template.mkdir(exist_ok=True)
            env = production_env(template, free_port(), database_url_like(f"deployed_{run_id()}"))
            copy_database(migrated_database(), env["DATABASE_URL"])
            for command in (["load_demo_content"], ["collectstatic", "--noinput"]):
                manage(env, *command)
            (template / "database").write_text(env["DATABASE_URL"])
            (template / "done").touch()
    database = _database_for_site(workdir)
    copy_database((template / "database").read_text(), database)
    shutil.copytree(template / "media", workdir / "media", dirs_exist_ok=True)
    _point_site_at(database, port)
    return {"DATABASE_URL": database, "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(template / "static")}  # fmt: skip


def _database_for_site(workdir: Path) -> str:
    if is_postgres(os.environ.get("DATABASE_URL", "")):
        return database_url_like(f"live_{secrets.token_hex(4)}_{run_id()}")
    return f"sqlite:///{workdir / 'live.sqlite3'}"


def _point_site_at(database: str, port: int) -> None:
    update = "UPDATE wagtailcore_site SET hostname = '127.0.0.1', port = %s WHERE is_default_site"
    if database.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database.removeprefix("sqlite:///")) as connection:
            connection.execute(update.replace("%s", "?"), (port,))
        return
    import psycopg

    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute(update, (port,))


def start(workdir: Path, *, env_overrides: dict | None = None):
    port = free_port()
    state = deployed(workdir, port)
    env = {
        **production_env(workdir, port, state["DATABASE_URL"]),
        **state,
        **(env_overrides or {}),
    }
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed by stop())
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--no-control-socket", "--access-logfile", "-",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", workdir, env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if server.request("/healthz").status == 200:
                return server, process, log
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.3)
    process.kill()
    raise RuntimeError((workdir / "gunicorn.log").read_text()[-3000:])


def stop(process, log, server: LiveServer | None = None) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    if server is not None:
        drop_database(server.env["DATABASE_URL"])


def eventually(condition, timeout: float = 30, every: float = 0.2):
    """Poll other processes (a live server, a worker) until `condition()` holds, and return
    what it returned: their clocks cannot be moved. A server not listening yet (OSError)
    counts as not there yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if result := condition():
                return result
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError("never happened")


SHELL_LOOP = """
import contextlib, io, json, sys, traceback
import django
django.setup()
from django.db import connections
for line in sys.stdin:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(json.loads(line), {})
        reply = {"ok": True, "out": out.getvalue()}
    except BaseException:
        reply = {"ok": False, "out": out.getvalue() + traceback.format_exc()}
    connections.close_all()  # the next snippet connects afresh, as a new shell would
    print(json.dumps(reply), flush=True)
"""


class Shell:
    """One Django process in a live site's environment that runs each snippet it is sent,
    as `manage.py shell -c` would, without paying Django's start (2-3 s of CPU) for each:
    a separate process from the test and the server, closing its database connections
    after every snippet."""

    def __init__(self, env: dict, workdir: Path):
        self.log = open(workdir / "shell.log", "ab")  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            [str(BIN / "python"), "-c", SHELL_LOOP],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            text=True,
        )  # fmt: skip

    def run(self, code: str) -> str:
        """The snippet's output (its last line is what most callers want)."""
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline() or '{"ok": false, "out": "died"}')
        assert reply["ok"], reply["out"][-3000:]
        return reply["out"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=20)
        self.log.close()
