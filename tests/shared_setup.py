"""Expensive set-ups done once per test run and shared by every xdist worker.

Migrating an empty database takes ~20 s of CPU (Django renders hundreds of migration
states, Wagtail's most of all), and every worker's test database and every live
deployment used to pay it again. Instead one process migrates a template database for
the run, under a file lock, and everyone copies it: a file copy on SQLite, `CREATE
DATABASE ... TEMPLATE` on PostgreSQL. The template is a real `manage.py migrate` of this
checkout's migrations, so nothing is skipped; it lives only as long as the run.
"""

import fcntl
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_ID_VARIABLE = "PYTEST_XDIST_TESTRUNUID"


def run_id() -> str:
    """The same id in every process of one test run (xdist sets it for its workers; a
    run without xdist gets one in `pytest_configure`)."""
    return os.environ.setdefault(RUN_ID_VARIABLE, secrets.token_hex(8))[:12]


def run_dir() -> Path:
    directory = Path(tempfile.gettempdir()) / f"magnet-news-run-{run_id()}"
    directory.mkdir(exist_ok=True)
    return directory


@contextmanager
def run_lock(name: str) -> Iterator[None]:
    """Held by one process of the run at a time (the others wait)."""
    with open(run_dir() / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _server(url: str) -> str:
    return url.rsplit("/", 1)[0]


def database_url_like(name: str) -> str:
    """The URL of a database `name` on the server (or, for SQLite, in the run's directory)
    of the kind this run uses."""
    base = os.environ.get("DATABASE_URL", "")
    if is_postgres(base):
        return f"{_server(base)}/{name}"
    return f"sqlite:///{run_dir() / name}.sqlite3"


def copy_database(source: str, target: str) -> None:
    """`target` becomes a copy of `source` (both URLs of the same kind)."""
    if not is_postgres(source):
        shutil.copyfile(source.removeprefix("sqlite:///"), target.removeprefix("sqlite:///"))
        return
    import psycopg

    with psycopg.connect(f"{_server(source)}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {target.rsplit('/', 1)[1]} WITH (FORCE)")
        connection.execute(
            f"CREATE DATABASE {target.rsplit('/', 1)[1]} TEMPLATE {source.rsplit('/', 1)[1]}"
        )


def drop_database(url: str) -> None:
    if not is_postgres(url):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{_server(url)}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


def manage(env: dict, *command: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def migrated_database() -> str:
    """The URL of the run's migrated template database, built by the first process that
    asks (the others wait for it)."""
    url = database_url_like(f"migrated_{run_id()}")
    done = run_dir() / "migrated.done"
    with run_lock("migrated"):
        if not done.exists():
            if is_postgres(url):
                drop_database(url)
                _create_empty_postgres(url)
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                   "DATABASE_URL": url}  # fmt: skip
            manage(env, "migrate", "--noinput")
            done.touch()
    return url


def _create_empty_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(f"{_server(url)}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {url.rsplit('/', 1)[1]}")


def drop_run_databases() -> None:
    """At the end of the run (its controlling process): the templates go."""
    base = os.environ.get("DATABASE_URL", "")
    if is_postgres(base):
        import psycopg

        with psycopg.connect(f"{_server(base)}/postgres", autocommit=True) as connection:
            names = connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                (f"%\\_{run_id()}",),
            ).fetchall()
            for (name,) in names:
                connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    shutil.rmtree(run_dir(), ignore_errors=True)
