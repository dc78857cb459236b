"""The report as people see it: the context the Reach page and the printable report
share (tables, and charts drawn from the same figures), and the report as a file."""

from django.conf import settings
from django.template.loader import render_to_string

from . import charts, exports
from .report import CHANNEL_LABELS, REPORT_CHANNELS, Report, shown

# A page lists this many activities (a whole network's five years could hold 100,000);
# the CSV and the workbook hold them all.
LISTED_ACTIVITIES = 1000
FORMATS = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_context(report: Report) -> dict:
    """What the Reach page and the printable report show: tables and the charts drawn
    from the same figures."""
    by_channel = report.by_channel
    rows = exports.activity_rows(report)
    channels = [(CHANNEL_LABELS[c], by_channel[c]) for c in REPORT_CHANNELS]
    top = [(page.title, page.reads) for page in report.top_pages]
    return {
        "report": report,
        "activities": list(zip(report.activities, rows, strict=True))[:LISTED_ACTIVITIES],
        "activities_not_listed": max(len(rows) - LISTED_ACTIVITIES, 0),
        "month_columns": exports.month_columns(),
        "month_rows": exports.month_rows(report),
        "audience_rows": exports.audience_rows(report),
        "origin_columns": exports.ORIGIN_COLUMNS,
        "origin_rows": exports.origin_rows(report),
        "total_reads": shown(report.total_reads),
        "threshold": settings.REACH_SHOWN_FROM,
        "threshold_below": settings.REACH_SHOWN_FROM - 1,
        "charts": [
            charts.columns(
                "Reads by month" if report.charted_by_month else "Reads by day",
                report.over_time,
                monthly=report.charted_by_month,
            ),
            charts.rows("Most read stories and events", top),
            *([charts.rows("Reads by project", report.by_project)] if report.by_project else []),
            charts.rows("Reads by channel (newsletter: mails delivered)", channels),
        ],
    }


def render_file(report: Report, fmt: str) -> bytes:
    """The report as a file: html (printable), csv or xlsx."""
    if fmt == "html":
        return render_to_string("reach/report.html", report_context(report)).encode()
    if fmt == "csv":
        return exports.as_csv(report).encode()
    return exports.as_xlsx(report)
