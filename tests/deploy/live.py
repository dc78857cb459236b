"""A real gunicorn, production settings, a fresh database with demo content."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

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


def fresh_database(workdir: Path) -> str:
    """A new, empty database of the kind this test run uses (DATABASE_URL's engine)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'live.sqlite3'}"
    import psycopg

    name = f"live_{secrets.token_hex(4)}"
    server = base.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def drop_database(url: str) -> None:
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        server, name = url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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


def prepare(env: dict) -> None:
    """Migrate, load the demo site and collect static files, as a deployment does."""
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        manage(env, *command)


_deployed: dict = {}


def deployed(workdir: Path, port: int) -> dict:
    """A deployment's state for a new live site: a copy of a database migrated and loaded
    with the demo site, a copy of its media, and its collected static files.

    Deploying takes ~10 s; it is done once per test process and copied for each site
    (a file copy for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL), then the site
    record is pointed at the new site's port, as `load_demo_content` would.
    """
    if not _deployed:
        template = Path(tempfile.mkdtemp(prefix="live-deployed-"))
        env = production_env(template, free_port(), fresh_database(template))
        prepare(env)
        _deployed.update(
            database=env["DATABASE_URL"], media=Path(env["MEDIA_ROOT"]), static=env["STATIC_ROOT"]
        )
    database = _copy_database(_deployed["database"], workdir)
    shutil.copytree(_deployed["media"], workdir / "media", dirs_exist_ok=True)
    _point_site_at(database, port)
    return {"DATABASE_URL": database, "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": _deployed["static"]}  # fmt: skip


def _copy_database(template: str, workdir: Path) -> str:
    if template.startswith("sqlite:///"):
        target = workdir / "live.sqlite3"
        shutil.copy(template.removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    import psycopg

    server, template_name = template.rsplit("/", 1)
    name = f"live_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {template_name}")
    return f"{server}/{name}"


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


def manage(env: dict, *command: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


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


def wait_for(condition, timeout: float = 30) -> None:
    """Poll a real server until it gets there; there is no clock to move in its process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("the live server never got there")
