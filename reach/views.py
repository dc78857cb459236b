"""Reach in the admin: the Reach page (charts and tables for any period and scope) and
the dissemination report as a printable page, CSV and XLSX. Read-only: GETs only."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from . import exports
from .documents import FORMATS, render_file, report_context
from .forms import ReportForm
from .report import build

PERMISSION = "reach.view_dailyreads"


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@require_safe
def reach_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = ReportForm.for_request(request.GET)
    context = {"form": form, "page_title": "Reach", "header_icon": "crosshairs"}
    if not form.is_valid():
        return TemplateResponse(request, "reach/admin/reach.html", context, status=400)
    report = build(form.cleaned_data["project"], form.period)
    query = _query(form)
    return TemplateResponse(
        request, "reach/admin/reach.html", {**context, **report_context(report), "query": query}
    )


@require_safe
def dissemination_report(request: HttpRequest, fmt: str) -> HttpResponse:
    _require(request)
    if fmt not in FORMATS:
        return HttpResponseBadRequest("A report is html, csv or xlsx.", content_type="text/plain")
    form = ReportForm.for_request(request.GET)
    if not form.is_valid():
        errors = "; ".join(e for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(f"Not a report period: {errors}", content_type="text/plain")
    report = build(form.cleaned_data["project"], form.period)
    if fmt == "html":
        return TemplateResponse(request, "reach/report.html", report_context(report))
    response = HttpResponse(render_file(report, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    return response


def _query(form: ReportForm) -> str:
    project = form.cleaned_data["project"]
    return (
        f"start={form.cleaned_data['start']}&end={form.cleaned_data['end']}"
        f"&project={project.slug if project else ''}"
    )
