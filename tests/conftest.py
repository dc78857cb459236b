import io
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client

import pytest

from tests.factories import build_site, ensure_wagtail_roots


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


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
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def editor_client(editor):
    """A logged-in editor's browser, separate from the anonymous `client`."""
    editor_browser = Client()
    editor_browser.force_login(editor)
    return editor_browser


@contextmanager
def committed_for_module(django_db_blocker):
    """Data a whole module reads, written once and removed after its last test.

    Each test still runs in its own rolled-back transaction on top of it. Afterwards the
    database is flushed back to what migrations left (the serialized copy pytest-django
    keeps for transactional tests, else Wagtail's roots).
    """
    with django_db_blocker.unblock():
        yield
        serialized = getattr(connection, "_test_serialized_contents", None)
        # As TransactionTestCase does: restoring the copy brings content types back too.
        call_command(
            "flush",
            interactive=False,
            verbosity=0,
            reset_sequences=False,
            inhibit_post_migrate=bool(serialized),
        )
        if serialized:
            connection.creation.deserialize_db_from_string(serialized)
        ensure_wagtail_roots()
        cache.clear()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (`load_demo_content`), loaded once for the module that asks for it."""
    with committed_for_module(django_db_blocker):
        ensure_wagtail_roots()
        call_command("load_demo_content", stdout=io.StringIO())
        yield
