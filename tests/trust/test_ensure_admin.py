"""`ensure_admin` never changes an existing account, and never invents production logins."""

import io

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import pytest


def authenticate(*, username: str, password: str) -> bool:
    return get_user_model().objects.get(username=username).check_password(password)


def run(*args) -> str:
    out = io.StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def dev(settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    for name in ("DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def test_an_existing_password_is_left_alone_unless_asked(db, dev, django_user_model, tmp_path):
    django_user_model.objects.create_superuser("admin", "a@example.org", "chosen-by-a-human")
    (tmp_path / ".dev-admin-credentials").unlink(missing_ok=True)
    output = run()
    assert "left as it is" in output
    assert authenticate(username="admin", password="chosen-by-a-human")
    output = run("--reset-password")
    assert not authenticate(username="admin", password="chosen-by-a-human")
    new_password = output.strip().rsplit(" ", 1)[-1]
    assert authenticate(username="admin", password=new_password)


def test_environment_credentials_do_not_overwrite_an_account(db, settings, monkeypatch):
    get_user_model().objects.create_superuser("editor", "e@example.org", "original")
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editor")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "from-the-environment")
    run()
    assert authenticate(username="editor", password="original")
    run("--reset-password")
    assert authenticate(username="editor", password="from-the-environment")


def test_production_refuses_to_invent_credentials(db, settings, monkeypatch, django_user_model):
    settings.DEBUG = False
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="Refusing to invent admin credentials"):
        run()
    assert not django_user_model.objects.exists()
