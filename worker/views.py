"""Reports → Background jobs: what the worker did, for administrators.

Every job with its outcome (a hub ping that failed shows here with the hub's answer and
when the next attempt runs), filterable by status and job, exportable as CSV or XLSX;
above the list, the workers that are alive.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

import django_filters
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

STATUSES = [(s, s.title()) for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")]


def job_name(task_path: str) -> str:
    return task_path.rsplit(".", 1)[-1].replace("_", " ")


def outcome(job: DBTaskResult) -> str:
    if job.status == "FAILED":
        return (job.traceback.strip().splitlines() or [""])[-1][:300]
    if job.status == "READY" and job.run_after and job.run_after > timezone.now():
        return f"waits until {timezone.localtime(job.run_after):%H:%M:%S}"
    return str(job.return_value) if job.return_value not in (None, "") else ""


class JobFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=STATUSES)
    task_path = django_filters.ChoiceFilter(label="Job", choices=[])

    class Meta:
        model = DBTaskResult
        fields = ["status", "task_path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paths = DBTaskResult.objects.order_by().values_list("task_path", flat=True).distinct()
        self.filters["task_path"].extra["choices"] = [(p, job_name(p)) for p in sorted(paths)]


class BackgroundJobsView(ReportView):
    template_name = "worker/jobs_report.html"
    page_title = "Background jobs"
    header_icon = "cogs"
    index_url_name = "worker_jobs"
    index_results_url_name = "worker_jobs_results"
    filterset_class = JobFilterSet
    columns = [
        Column("job", label="Job", accessor=lambda job: job_name(job.task_path)),
        Column("status", label="Status"),
        DateColumn("enqueued_at", label="Queued"),
        DateColumn("finished_at", label="Finished"),
        Column("arguments", label="For", accessor=lambda job: _arguments(job)),
        Column("outcome", label="Outcome", accessor=outcome),
    ]
    list_export = ["task_path", "status", "enqueued_at", "finished_at", "args_kwargs", "traceback"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return DBTaskResult.objects.order_by("-enqueued_at")

    @cached_property
    def workers(self):
        horizon = timezone.now() - timedelta(minutes=1)
        return WorkerHeartbeat.objects.filter(seen_at__gte=horizon)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workers_running"] = (
            ", ".join(str(worker) for worker in self.workers) or "none, so jobs wait"
        )
        return context


def _arguments(job: DBTaskResult) -> str:
    kwargs = job.args_kwargs.get("kwargs", {})
    if "feed_urls" in kwargs:
        return f"{len(kwargs['feed_urls'])} feeds, attempt {kwargs.get('attempt', 1)}"
    return ", ".join(f"{k}={v}" for k, v in kwargs.items())[:120]
