"""`manage.py openapi [PATH]`: write the OpenAPI description (stdout without PATH), for
generating clients (`make client`)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from api.openapi import openapi_document


class Command(BaseCommand):
    help = "Write the OpenAPI 3.1 description of /api/v2/ as JSON."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?")

    def handle(self, *args, path: str | None = None, **options):
        text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
        if path:
            Path(path).write_text(text)
        else:
            self.stdout.write(text, ending="")
