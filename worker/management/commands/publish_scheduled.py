"""Wagtail's `publish_scheduled`, the worker's way: each revision in its own transaction,
a revision that fails validation reported to its editors instead of stopping the run.
For sites that prefer cron to the worker; the worker does the same on its own."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail.models import Revision

from worker.publishing import publish_scheduled, scheduled_models


class Command(BaseCommand):
    help = "Publish due scheduled revisions and unpublish expired pages and snippets."

    def add_arguments(self, parser):
        parser.add_argument("--dryrun", action="store_true", help="Only list what is due.")

    def handle(self, *args, dryrun=False, **options):
        if dryrun:
            now = timezone.now()
            for model in scheduled_models():
                for obj in model.objects.filter(live=True, expire_at__lt=now):
                    self.stdout.write(f"expires: {obj}")
            for revision in Revision.objects.filter(approved_go_live_at__lt=now):
                self.stdout.write(f"goes live: {revision.object_str}")
            return
        outcome = publish_scheduled.call()
        self.stdout.write(", ".join(f"{count} {what}" for what, count in outcome.items()))
