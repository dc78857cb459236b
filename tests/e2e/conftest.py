"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
import threading
from pathlib import Path

from django.core.signals import request_finished, request_started

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's browser with "
            "'apt-get install chromium' (CI does), or set CHROMIUM_PATH."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # alongside it would trip Django's async-safety guard. Only while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class RequestsInFlight:
    """Counts the live server's requests, so teardown waits for the last one to finish.

    Leaving a Wagtail editor sends a release beacon; flushing the database while the
    server still handles it is the race this closes.
    """

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_idle(self, timeout: float = 30) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: self.count <= 0, timeout), "server still busy"


@pytest.fixture(scope="session")
def requests_in_flight():
    tracker = RequestsInFlight()
    request_started.connect(tracker.started, dispatch_uid="e2e-started")
    request_finished.connect(tracker.finished, dispatch_uid="e2e-finished")
    yield tracker
    request_started.disconnect(dispatch_uid="e2e-started")
    request_finished.disconnect(dispatch_uid="e2e-finished")


@pytest.fixture
def page(browser, request, requests_in_flight):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
    if failed:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"FAILED-{request.node.name}.png"), full_page=True)
    page.goto("about:blank")  # leave any editor: its release beacon goes out now
    context.close()
    requests_in_flight.wait_until_idle()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def screenshot(page, name: str) -> None:
    """Keep a picture of a step so a person can look at what the editor saw."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
