import pytest

from tests.newsletter.smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """Mail goes over SMTP to a real server in this process."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield server.mailbox
