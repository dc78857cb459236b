"""Make sure an admin account exists, without ever changing one behind anyone's back."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_USERNAME = "admin"


def dev_credentials_file() -> Path:
    return Path(settings.BASE_DIR) / ".dev-admin-credentials"


class Command(BaseCommand):
    help = (
        "Create an admin account if it does not exist: from DJANGO_SUPERUSER_USERNAME, "
        "DJANGO_SUPERUSER_PASSWORD and DJANGO_SUPERUSER_EMAIL, or (development only) an "
        "'admin' account with a generated password. An existing account's password is "
        "changed only with --reset-password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Set the password of an existing account (from the environment, or a new "
            "generated one in development).",
        )

    def handle(self, *args, reset_password=False, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if username and password:
            self._ensure(
                username, password, os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), reset_password
            )
            self.stdout.write(
                f"Admin account: {username} (password from DJANGO_SUPERUSER_PASSWORD)"
            )
            return
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to invent admin credentials outside development: set "
                "DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD, or run "
                "'manage.py createsuperuser'."
            )
        self._ensure_development_account(reset_password)

    def _ensure(self, username: str, password: str, email: str, reset_password: bool) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user_model.objects.create_superuser(username, email, password)
        elif reset_password:
            user.set_password(password)
            user.save(update_fields=["password"])

    def _ensure_development_account(self, reset_password: bool) -> None:
        credentials = dev_credentials_file()
        exists = get_user_model().objects.filter(username=DEV_USERNAME).exists()
        if exists and not reset_password:
            if credentials.exists():
                self.stdout.write(credentials.read_text().strip())
            else:
                self.stdout.write(
                    f"Admin account '{DEV_USERNAME}' exists; its password was left as it is "
                    "(ensure_admin --reset-password makes a new one)."
                )
            return
        password = secrets.token_urlsafe(12)
        self._ensure(DEV_USERNAME, password, "admin@example.org", reset_password=True)
        message = f"Development admin account: username {DEV_USERNAME}, password {password}"
        credentials.write_text(message + "\n")
        credentials.chmod(0o600)
        self.stdout.write(self.style.WARNING(message))
