"""Local development: debug on, a fake secret key, everything else from base."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = True
# Development only: never used outside a developer's machine.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Offline machines have no DNS to ask; the demo's addresses need none.
NEWSLETTER_CHECK_MAIL_HOST = env_bool("NEWSLETTER_CHECK_MAIL_HOST", False)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
