"""`manage.py fediverse_account [USERNAME] [--project ACRONYM]`: make an account followable
(the hub's by default, @updates), once; an existing one is left as it is."""

from django.core.management.base import BaseCommand, CommandError

from fediverse.models import Actor
from news.snippets import PartnerProject


class Command(BaseCommand):
    help = "Create the hub's (or a partner project's) fediverse account if it has none."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="", help="@name (default: updates, "
                            "or the project's slug)")  # fmt: skip
        parser.add_argument("--project", default="", help="a partner project's acronym")

    def handle(self, *args, username: str, project: str, **options):
        partner = None
        if project:
            partner = PartnerProject.objects.filter(acronym__iexact=project).first()
            if partner is None:
                raise CommandError(f"no partner project '{project}'")
        existing = Actor.objects.filter(project=partner).first()
        if existing is not None:
            self.stdout.write(f"{existing.handle} exists")
            return
        username = (username or (partner.slug if partner else "updates")).lstrip("@").lower()
        if Actor.objects.filter(username=username).exists():
            raise CommandError(f"@{username} belongs to another account")
        actor = Actor.objects.create(username=username, project=partner)
        self.stdout.write(f"{actor.handle} created")
