"""Tests: built on base (never on production), fast hashing, local cache, no network."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: a live server's request and the test's flush then
    # wait for each other (busy timeout) instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"magnet-news-test-{os.getpid()}.sqlite3")
    }
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    **CACHES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
# Tests run offline: embeds fall back to links without trying a provider.
WAGTAILEMBEDS_FINDERS = []
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {**LOGGING, "root": {"handlers": ["stdout"], "level": "WARNING"}}  # noqa: F405
# A test is one process: the process that changes content reads the versions afresh, so
# every test sees its changes at once; and cached hits cost no query (tests count them).
CONTENT_VERSION_CHECK_SECONDS = 60
# Tests run offline: the mail-host check runs against a DNS server of its own test only.
NEWSLETTER_CHECK_MAIL_HOST = False
