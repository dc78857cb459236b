import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client

import pytest

from delivery import versions
from tests import shared_setup
from tests.factories import build_site, ensure_wagtail_roots
from tests.openapi_conformance import CONFORMANCE


def pytest_configure(config):
    """One run id for the controlling process and every xdist worker (the run's shared
    set-ups live under it). The controlling process starts migrating the run's template
    database at once, while the workers start and collect (they wait for it, if they
    get there first, under its lock)."""
    if not hasattr(config, "workerinput") and hasattr(config.option, "testrunuid"):
        config.option.testrunuid = config.option.testrunuid or shared_setup.run_id()
    shared_setup.run_id()
    if not hasattr(config, "workerinput") and not config.option.collectonly:
        config._migrating = threading.Thread(target=shared_setup.migrated_database)
        config._migrating.start()


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):
        if migrating := getattr(session.config, "_migrating", None):
            migrating.join()
        shared_setup.drop_run_databases()


@pytest.fixture(scope="session")
def _test_database_from_template(django_db_modify_db_settings):
    """This process's test database is a copy of the run's migrated template
    (tests/shared_setup.py), so pytest-django keeps it instead of migrating again;
    it is dropped when the process ends."""
    from django.conf import settings
    from django.db import connections

    configured = settings.DATABASES["default"]
    name = configured.get("TEST", {}).get("NAME") or f"test_{configured['NAME']}"
    template = shared_setup.migrated_database()
    target = template.rsplit("/", 1)[0] + "/" + name
    if not shared_setup.is_postgres(template):
        target = f"sqlite:///{name}"
    shared_setup.copy_database(template, target)
    yield
    connections.close_all()
    shared_setup.drop_database(target)


@pytest.fixture(scope="session")
def django_db_keepdb(_test_database_from_template):
    return True


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    versions.forget()  # the last test's rolled-back versions are not this one's
    yield
    cache.clear()


@contextmanager
def index_updates_paused() -> Iterator[None]:
    """Saves do not update Wagtail's search index and reference index.

    Outside tests both are the worker's jobs after a save; under the tests' immediate task
    backend they ran inside every save and took a quarter of the suite's time (a page
    created and published is saved three times). A test that reads either index asks for
    it with `@pytest.mark.indexes`; the live deployment (gunicorn and worker processes)
    always maintains both.
    """
    from django.db.models.signals import post_save

    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import update_reference_index_on_save

    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler

    paused = [
        *((post_save_signal_handler, model) for model in search_index.get_indexed_models()),
        *((update_reference_index_on_save, model) for model in ReferenceIndex.tracked_models),
    ]
    paused = [(handler, model) for handler, model in paused
              if post_save.disconnect(handler, sender=model)]  # fmt: skip
    try:
        yield
    finally:
        for handler, model in paused:
            post_save.connect(handler, sender=model)


@pytest.fixture(autouse=True)
def _index_updates_only_where_read(request):
    if request.node.get_closest_marker("indexes"):
        yield
        return
    with index_updates_paused():
        yield


@pytest.fixture(autouse=True)
def _api_answers_follow_the_openapi_description(monkeypatch):
    """Every response of Django's test client under /api/v2/ is checked against
    /api/v2/openapi.json (tests/openapi_conformance.py)."""
    original = Client.request

    def checked(self, **request):
        response = original(self, **request)
        CONFORMANCE.check(request["REQUEST_METHOD"], request["PATH_INFO"], response)
        return response

    monkeypatch.setattr(Client, "request", checked)


@pytest.fixture
def site_tree(db):
    """(home, news index) of the default site."""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def news_index(site_tree):
    return site_tree[1]


@pytest.fixture
def editor(db, django_user_model):
    """A superuser, in a database that has Wagtail's roots (a transactional test that ran
    before on this worker may have flushed them)."""
    ensure_wagtail_roots()
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def editor_client(editor):
    """A logged-in editor's browser, separate from the anonymous `client`."""
    editor_browser = Client()
    editor_browser.force_login(editor)
    return editor_browser


FIRST_RESTORED = ("contenttypes.contenttype", "auth.permission")


def restore_migrated_state() -> None:
    """Empty the database, then put back exactly what migrations left (the copy
    pytest-django serialized for transactional tests), else Wagtail's roots.

    Content types and permissions go back first: restoring other rows fires post_save
    handlers (Wagtail's reference index, search indexing) that look up content types and
    would otherwise create them under new ids, clashing with the restored ones.
    """
    serialized = getattr(connection, "_test_serialized_contents", None)
    call_command(
        "flush",
        interactive=False,
        verbosity=0,
        reset_sequences=False,
        inhibit_post_migrate=bool(serialized),
    )
    ContentType.objects.clear_cache()
    if serialized:
        rows = json.loads(serialized)
        first = [row for row in rows if row["model"] in FIRST_RESTORED]
        rest = [row for row in rows if row["model"] not in FIRST_RESTORED]
        for part in (first, rest):
            connection.creation.deserialize_db_from_string(json.dumps(part))
    ensure_wagtail_roots()
    cache.clear()


@contextmanager
def committed_for_module(django_db_blocker):
    """Data a whole module reads, written once and removed after its last test.

    Each test still runs in its own rolled-back transaction on top of it.
    """
    with django_db_blocker.unblock():
        yield
        restore_migrated_state()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (`load_demo_content`), loaded once for the module that asks for it."""
    with committed_for_module(django_db_blocker):
        ensure_wagtail_roots()
        call_command("load_demo_content", stdout=io.StringIO())
        yield


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under `--dist loadgroup`, a module stays on one worker (its module-scoped fixtures
    start once) unless it names a group shared with other modules."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
