import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEV_CREDENTIALS = Path(settings.BASE_DIR) / ".dev-admin-credentials"


class Command(BaseCommand):
    help = (
        "Make sure an admin account exists: from DJANGO_SUPERUSER_USERNAME/PASSWORD/EMAIL "
        "if set, else a development account whose generated password is printed."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if username and password:
            email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
            if not user_model.objects.filter(username=username).exists():
                user_model.objects.create_superuser(username, email, password)
            self.stdout.write(
                f"Admin account: {username} (password from DJANGO_SUPERUSER_PASSWORD)"
            )
            return
        username = "admin"
        if user_model.objects.filter(username=username).exists() and DEV_CREDENTIALS.exists():
            self.stdout.write(DEV_CREDENTIALS.read_text().strip())
            return
        password = secrets.token_urlsafe(12)
        user, _ = user_model.objects.get_or_create(
            username=username, defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        message = f"Development admin account: username {username}, password {password}"
        DEV_CREDENTIALS.write_text(message + "\n")
        DEV_CREDENTIALS.chmod(0o600)
        self.stdout.write(self.style.WARNING(message))
