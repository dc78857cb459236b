"""`manage.py import_opml FILE [--project SLUG]`: add partner feeds from an OPML file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.opml import OpmlError, import_opml
from news.snippets import PartnerProject


class Command(BaseCommand):
    help = (
        "Add every feed of an OPML file as a source; each goes to --project, or to the "
        "project its outline (or a parent outline) names by acronym, slug or name."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--project", help="slug of the project every feed belongs to")

    def handle(self, *args, path: str, project: str | None = None, **options):
        owner = None
        if project:
            owner = PartnerProject.objects.filter(slug=project).first()
            if owner is None:
                raise CommandError(f"There is no project '{project}'.")
        try:
            report = import_opml(Path(path).read_bytes(), project=owner)
        except (OSError, OpmlError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
        for url in report.unmatched:
            self.stdout.write(f"  no project for {url}")
