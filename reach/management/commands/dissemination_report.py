"""`manage.py dissemination_report --project permanet --from 2026-01-01 --to 2026-06-30
--format xlsx`: the dissemination report of a project (or, without --project, the whole
network) for a period, written to a file (or to standard output for csv and html)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from reach.documents import render_file
from reach.forms import ReportForm
from reach.report import build


class Command(BaseCommand):
    help = "Write the dissemination report of a project or the network for a period."

    def add_arguments(self, parser):
        parser.add_argument("--project", default="", help="The project's slug; none: the network")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["xlsx", "csv", "html"], default="xlsx")
        parser.add_argument("--output", help="The file to write (xlsx needs one)")

    def handle(self, *args, project, start, end, format, output, **options):
        form = ReportForm({"project": project, "start": start, "end": end})
        if not form.is_valid():
            raise CommandError("; ".join(e for errors in form.errors.values() for e in errors))
        if format == "xlsx" and not output:
            raise CommandError("An XLSX workbook needs --output FILE.")
        report = build(form.cleaned_data["project"], form.period)
        body = render_file(report, format)
        if output:
            with open(output, "wb") as file:
                file.write(body)
            self.stderr.write(f"{len(report.activities)} activities of {report.scope} → {output}")
        else:
            sys.stdout.buffer.write(body)
