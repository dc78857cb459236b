"""The worker's flush of buffered counts, every REACH_FLUSH_SECONDS while Redis holds any."""

from datetime import timedelta

from django.conf import settings

import redis
from django_tasks import task

from worker import clock

from .buffer import client, key
from .flush import flush


@task()
def flush_reach() -> dict[str, int]:
    return flush()


def _anything_buffered() -> bool:
    connection = client()
    if connection is None:
        return False
    try:
        return bool(
            connection.exists(key("reads"), key("subscribers"))
            or connection.scard(key("fetcher-keys"))
            or next(connection.scan_iter(match=key("flushing:*")), None)
        )
    except (redis.RedisError, OSError):
        return False


clock.register(
    clock.Periodic(
        name="reach-flush",
        every=lambda: timedelta(seconds=settings.REACH_FLUSH_SECONDS),
        task=flush_reach,
        due=_anything_buffered,
    )
)
