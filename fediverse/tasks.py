"""The worker's fediverse jobs (deliveries themselves: fediverse.delivery)."""

from django_tasks import task

from .delivery import QUEUE
from .publishing import reconcile, reconcile_federated


@task(queue_name=QUEUE)
def federate_page(page_id: int) -> str:
    """Tell followers what changed about one page (fediverse.publishing)."""
    return reconcile(page_id)


@task(queue_name=QUEUE)
def federate_visibility() -> dict[str, int]:
    """After a view restriction changed: Delete what readers can no longer see."""
    return reconcile_federated()
