"""The worker in the admin: the Background jobs report (administrators only), and a
readable history entry when scheduled publishing fails."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.log_actions import LogFormatter

from .publishing import FAILED_ACTION
from .views import BackgroundJobsView


@hooks.register("register_log_actions")
def register_worker_log_actions(actions):
    @actions.register_action(FAILED_ACTION)
    class ScheduledPublishingFailed(LogFormatter):
        label = "Scheduled publishing failed"

        def format_message(self, log_entry):
            errors = log_entry.data.get("errors", {})
            details = "; ".join(
                f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in errors.items()
            )
            return f"Scheduled publishing failed and was cancelled: {details}"


@hooks.register("register_admin_urls")
def register_job_urls():
    return [
        path("reports/jobs/", BackgroundJobsView.as_view(), name="worker_jobs"),
        path(
            "reports/jobs/results/",
            BackgroundJobsView.as_view(results_only=True),
            name="worker_jobs_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return AdminOnlyMenuItem(
        "Background jobs", reverse("worker_jobs"), icon_name="cogs", order=1100
    )
