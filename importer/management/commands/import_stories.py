"""`manage.py import_stories`: an old site's archive as draft stories (docs/import.md)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from ...readers import ArchiveError
from ...run import run_import
from ...sources import items_for
from ...stories import Options, news_index


class Command(BaseCommand):
    help = (
        "Import stories from a WordPress export (WXR), a full-content feed (RSS, Atom, JSON "
        "Feed) or article pages. Stories are drafts unless --publish; a re-run updates the "
        "stories it made and never duplicates them."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--wxr", help="A WordPress export file (or its address).")
        source.add_argument("--feed", help="A feed's address (or a file) with full content.")
        source.add_argument(
            "--urls", help="A file of article addresses, one per line ('-': standard input)."
        )
        flags = {
            "--publish": "Publish each story (default: drafts).",
            "--create-categories": "Create categories the site does not have yet.",
            "--match-projects": "Tag partner projects a story names (acronym or full name).",
            "--redirects": "Redirect each story's old path on this site to the story.",
            "--dry-run": "Report what would happen; change and download nothing.",
        }
        for flag, explanation in flags.items():
            parser.add_argument(flag, action="store_true", help=explanation)
        parser.add_argument(
            "--index",
            type=int,
            help="The id of the Updates page to import into (default: the default site's).",
        )

    def handle(self, *args, **options):
        try:
            items = self._items(options)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        report = run_import(
            items,
            Options(
                index=news_index(options["index"]),
                publish=options["publish"],
                create_categories=options["create_categories"],
                match_projects=options["match_projects"],
                redirects=options["redirects"],
            ),
            dry_run=options["dry_run"],
            progress=lambda items: tqdm(items, desc="Importing", unit=" stories", file=sys.stderr),
        )
        for line in report.lines():
            self.stdout.write(line)

    def _items(self, options):
        if options["wxr"]:
            return items_for("wxr", options["wxr"])
        if options["feed"]:
            return items_for("feed", options["feed"])
        if options["urls"] == "-":
            return list(items_for("urls", sys.stdin.read()))
        with open(options["urls"]) as listing:
            return list(items_for("urls", listing.read()))
