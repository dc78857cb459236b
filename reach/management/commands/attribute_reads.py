"""`manage.py attribute_reads`: say which story, event or project each count concerns
where the worker did not (counts written before version 0.19, or a page created after its
address was read). Run it once after upgrading; running it again changes nothing."""

from django.core.management.base import BaseCommand

from reach.attribution import attribute
from reach.classify import channel
from reach.models import DailyFetchers, DailyReads, FeedSubscribers

BATCH = 1000


class Command(BaseCommand):
    help = "Attribute counts written before reads were attributed to pages and projects."

    def handle(self, *args, **options):
        unattributed = DailyReads.objects.filter(page_id=None, project=None)
        addresses = list(unattributed.values_list("channel", "path").distinct())
        changed = 0
        for start in range(0, len(addresses), BATCH):
            for (kind, path), about in attribute(addresses[start : start + BATCH]).items():
                if about.page_id or about.project_id:
                    changed += unattributed.filter(channel=kind, path=path).update(
                        page_id=about.page_id, project_id=about.project_id
                    )
        for model in (DailyFetchers, FeedSubscribers):
            rows = model.objects.filter(project=None)
            paths = list(rows.values_list("path", flat=True).distinct())
            for (_, path), about in attribute((channel(p), p) for p in paths).items():
                if about.project_id:
                    changed += rows.filter(path=path).update(project_id=about.project_id)
        self.stdout.write(f"{changed} count(s) attributed.")
