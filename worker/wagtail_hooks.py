"""The worker in the admin: a readable history entry when scheduled publishing fails."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .publishing import FAILED_ACTION


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
