import pytest

from tests.factories import make_category, make_project
from tests.newsletter.smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """Mail goes over SMTP to a real server in this process."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield server.mailbox


@pytest.fixture
def network(news_index):
    return {
        "permanet": make_project("PERMANET"),
        "passenger": make_project("PASSENGER"),
        "policy": make_category("Policy"),
    }


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the code defers to commit (queued jobs run at once in tests)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run
