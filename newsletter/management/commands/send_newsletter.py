"""`manage.py send_newsletter [--dry-run]`: send a digest now, in this process."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter import sending
from newsletter.content import DigestBuilder
from newsletter.links import site_for_mail
from newsletter.models import Digest, Subscriber


class Command(BaseCommand):
    help = (
        "Send every confirmed subscriber the news and events published since their last "
        "digest that match their topics. --dry-run says who would get how many items, and "
        "sends and records nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            return self._dry_run()
        digest = sending.start_digest(Digest.Trigger.COMMAND)
        outcome = sending.send_digest(digest)
        self.stdout.write(
            f"Digest {digest.pk}: {outcome['sent']} sent, {outcome['nothing-new']} with "
            f"nothing new, {outcome['failed']} failed, {outcome['renderings']} renderings."
        )

    def _dry_run(self) -> None:
        subscribers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        groups = Counter(
            (subscriber.topics(), subscriber.digested_until)
            for subscriber in subscribers.prefetch_related("categories", "projects")
        )
        windows = [since for _, since in groups]
        builder = DigestBuilder(
            site=site_for_mail(),
            until=timezone.now(),
            earliest=None if None in windows or not windows else min(windows),
        )
        mails = 0
        for (topics, since), people in sorted(groups.items(), key=lambda g: -g[1]):
            rendered = builder.digest_for(topics, since)
            items = len(rendered[1]) if rendered else 0
            mails += people if items else 0
            self.stdout.write(f"{people} subscriber(s) of {topics.key}: {items} item(s)")
        self.stdout.write(f"Would send {mails} mail(s); nothing was sent.")
