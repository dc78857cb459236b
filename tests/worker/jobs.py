"""Jobs the worker tests enqueue: what happens while the queue is busy."""

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from wagtail.models import Revision

from django_tasks import task


@task()
def make_schedule_due(revision_id: int) -> None:
    """A scheduled revision's time comes: its go-live time moves to now, as a clock would."""
    revision = Revision.objects.get(pk=revision_id)
    now = timezone.now()
    revision.content["go_live_at"] = DjangoJSONEncoder().default(now)
    revision.approved_go_live_at = now
    revision.save(update_fields=["content", "approved_go_live_at"])


@task()
def other_work(n: int) -> int:
    return n
