"""The dissemination report as files: CSV (the activities) and an XLSX workbook (the
activities, totals by channel and month with a chart, and the audience). Columns map
onto the funding portal's communication-activity entries (docs/reach.md says how each
is counted). Figures below the threshold are written as "< 5" in both."""

import csv
import io

from django.conf import settings

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .report import CHANNEL_LABELS, REPORT_CHANNELS, Report, shown

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ACTIVITY_COLUMNS = [
    "Type of activity", "Date", "Title", "Place", "Type of audience", "Number reached",
    "Of which reads", "Of which newsletter recipients", "Link",
]  # fmt: skip


def activity_rows(report: Report) -> list[list]:
    return [
        [
            activity.portal_type,
            activity.day,
            activity.title,
            activity.place,
            activity.audience,
            shown(activity.reached),
            shown(activity.reads),
            shown(activity.mailed),
            activity.link,
        ]  # fmt: skip
        for activity in report.activities
    ]


def month_rows(report: Report) -> list[list]:
    """One row per month: reads per channel, newsletter mails, and the month's reads."""
    rows = []
    for month in report.months:
        counts = report.by_month[month]
        reads = sum(counts[channel] for channel in REPORT_CHANNELS if channel != "newsletter")
        rows.append(
            [
                f"{month:%Y-%m}",
                *(shown(counts[channel]) for channel in REPORT_CHANNELS),
                shown(reads),
            ]  # fmt: skip
        )
    return rows


def month_columns() -> list[str]:
    return ["Month", *(CHANNEL_LABELS[c] for c in REPORT_CHANNELS), "All reads"]


ORIGIN_COLUMNS = ["Partner site", "Channel", "Reads"]


def origin_rows(report: Report) -> list[list]:
    """API and widget reads per partner site (the network's report)."""
    return [[origin, CHANNEL_LABELS[channel], shown(n)] for origin, channel, n in report.by_origin]


def audience_rows(report: Report) -> list[list]:
    audience = report.audience
    everything = audience.newsletter_everything
    chose = audience.newsletter_subscribers - everything
    parts = [shown(everything), shown(chose)]
    if any(isinstance(part, str) for part in parts):
        # one part under the threshold: the other would give it away by subtraction
        parts = [part if isinstance(part, str) else "not shown" for part in parts]
    return [
        ["Newsletter subscribers (confirmed)", shown(audience.newsletter_subscribers)],
        ["… who take every story", parts[0]],
        [f"… who chose {report.project.acronym if report.project else 'topics'}", parts[1]],
        ["Feed subscribers (as feed readers report them)", shown(audience.feed_subscribers)],
        ["Feed and calendar fetchers a day (average; a program fetching two feeds counts "
         "twice)", shown(audience.daily_feed_fetchers)],
        ["Fediverse followers", shown(audience.fediverse_followers)],
    ]  # fmt: skip


def about_rows(report: Report) -> list[list[str]]:
    threshold = settings.REACH_SHOWN_FROM
    return [
        ["Dissemination report", report.scope],
        ["Period", str(report.period)],
        ["Counted", "Reads without personal data: no cookie, address or fingerprint kept; "
                    "bots, prefetches, DNT and Global Privacy Control left out"],
        ["Below the threshold", f"Figures from 1 to {threshold - 1} are shown as "
                                f"'< {threshold}'"],
        ["Adding up", "A story's 'Number reached' includes the subscribers a newsletter "
                      "brought it to, and the newsletter's row counts those mails too: add "
                      "up reads, or newsletter recipients, not both"],
    ]  # fmt: skip


def filename(report: Report, extension: str) -> str:
    scope = report.project.slug if report.project else "network"
    return f"dissemination-{scope}-{report.period.start}-{report.period.end}.{extension}"


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ACTIVITY_COLUMNS)
    for row in activity_rows(report):
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def as_xlsx(report: Report) -> bytes:
    book = Workbook()
    activities = book.active
    activities.title = "Activities"
    _table(activities, ACTIVITY_COLUMNS, activity_rows(report))
    for row in activities.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"

    totals = book.create_sheet("Totals by month")
    _table(totals, month_columns(), month_rows(report))
    total_row = len(report.months) + 2
    totals.cell(row=total_row, column=1, value="Total").font = Font(bold=True)
    by_channel = report.by_channel
    for index, channel in enumerate(REPORT_CHANNELS, start=2):
        totals.cell(row=total_row, column=index, value=shown(by_channel[channel]))
    totals.cell(row=total_row, column=len(REPORT_CHANNELS) + 2, value=shown(report.total_reads))
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = f"Reads by channel and month: {report.scope}"
    chart.y_axis.title, chart.x_axis.title = "Reads", "Month"
    reads_columns = len(REPORT_CHANNELS) - 1  # the newsletter's mails are not reads
    data = Reference(totals, min_col=2, max_col=1 + reads_columns, min_row=1,
                     max_row=len(report.months) + 1)  # fmt: skip
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(totals, min_col=1, min_row=2, max_row=len(report.months) + 1))
    chart.width, chart.height = 24, 10
    totals.add_chart(chart, f"A{total_row + 3}")

    if report.by_origin:
        partners = book.create_sheet("Partner sites")
        _table(partners, ORIGIN_COLUMNS, origin_rows(report))
    audience = book.create_sheet("Audience")
    _table(audience, [f"At {report.period.end}", "Number"], audience_rows(report))
    about = book.create_sheet("About")
    for line in about_rows(report):
        about.append(line)
    for sheet in book.worksheets:
        _as_text(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(sheet, header: list[str], rows: list[list]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        longest = max([len(name)] + [len(str(row[index - 1])) for row in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, 60)


def _as_text(sheet) -> None:
    """Typed text starting with "=" stays text (openpyxl would write it as a formula)."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"


def _csv_cell(value):
    """Text a spreadsheet opening the CSV would run as a formula (a title starting with
    '=', '+', '-', '@', a tab or a carriage return) is written with a leading apostrophe
    (OWASP's advice)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not value.startswith("< "):
        return "'" + value
    return value
