"""A real gunicorn, production settings, a fresh database with demo content."""

import os
import secrets
import socket
import subprocess
import sys
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

    def request(self, path: str, headers: dict | None = None, method: str = "GET"):
        """Fetch as if through the TLS-terminating proxy; 304s are returned, not raised."""
        request = urllib.request.Request(
            self.base_url + path,
            headers={"X-Forwarded-Proto": "https", **(headers or {})},
            method=method,
        )
        try:
            return urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as error:
            return error


def start(workdir: Path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'live.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "TRUST_X_FORWARDED_PROTO": "true",
        "LOG_LEVEL": "WARNING",
    }
    env["REDIS_URL"] = "redis://127.0.0.1:6379/15"  # production requires a shared cache
    env["CACHE_KEY_PREFIX"] = f"live-{secrets.token_hex(4)}"
    manage = [str(BIN / "python"), "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed by stop())
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--no-control-socket", "--access-logfile", "-",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", workdir)
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


def stop(process, log) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
