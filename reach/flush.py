"""The worker writes the buffered counts to the database, each exactly once.

The reads hash is renamed to a batch of its own (atomic: counting goes on into a new
hash), added to the database in one transaction that also records the batch's name, and
only then deleted. A flush cut short after the commit finds its batch already recorded
and only deletes it; one cut short before finds it unrecorded and adds it. So a Redis
restart (with its data kept: Redis's own persistence) or a worker killed mid-flush
neither loses nor doubles a count. Fetchers and subscriber reports are totals, written
over (a second write changes nothing).
"""

import contextlib
import logging
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

import redis

from . import classify
from .attribution import attribute
from .buffer import SEPARATOR, client, key
from .models import DailyFetchers, DailyReads, FeedSubscribers, FlushedBatch

logger = logging.getLogger(__name__)


def flush() -> dict[str, int]:
    connection = client()
    if connection is None:
        return {}
    outcome = {"reads": 0, "batches": 0, "fetchers": 0, "subscribers": 0}
    batch = key(f"flushing:{uuid.uuid4().hex}")
    with contextlib.suppress(redis.ResponseError):  # nothing counted since the last flush
        connection.renamenx(key("reads"), batch)  # never over a batch of the same name
    for name in sorted(connection.scan_iter(match=key("flushing:*"))):
        name = name.decode()
        try:
            outcome["reads"] += _add_batch(connection, name)
            outcome["batches"] += 1
        except (DatabaseError, ValueError) as error:
            # A batch that cannot be added is set aside (and said), never retried every
            # minute in front of the others.
            logger.error("reach: batch %s set aside: %s", name, error)
            connection.rename(name, name.replace(":flushing:", ":failed:", 1))
    outcome["fetchers"] = _fetchers(connection)
    outcome["subscribers"] = _subscribers(connection)
    return outcome


def _add_batch(connection: redis.Redis, name: str) -> int:
    if FlushedBatch.objects.filter(name=name).exists():
        connection.delete(name)  # added before the last flush was cut short
        return 0
    counts: dict[tuple, int] = {}
    for raw, number in connection.hgetall(name).items():
        day, channel, path, origin = raw.decode().split(SEPARATOR)
        counted = (date.fromisoformat(day), channel, path, origin)
        counts[counted] = counts.get(counted, 0) + int(number)
    total = 0
    concerns = attribute((channel, path) for _, channel, path, _ in counts)
    with transaction.atomic():
        FlushedBatch.objects.create(name=name)
        for (day, channel, path, origin), reads in _origins_capped(counts).items():
            about = concerns[(channel, path)]
            row, created = DailyReads.objects.get_or_create(
                day=day, channel=channel, path=path, origin=origin,
                defaults={"reads": reads, "page_id": about.page_id, "project_id": about.project_id},
            )  # fmt: skip
            if not created:
                DailyReads.objects.filter(pk=row.pk).update(reads=F("reads") + reads)
            total += reads
    connection.delete(name)
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - timedelta(days=7)).delete()
    return total


def _origins_capped(counts: dict[tuple, int]) -> dict[tuple, int]:
    """At most REACH_MAX_ORIGINS partner origins a day: reads from further ones (any
    client can send any Origin) are counted under "other", so nobody can fill the table."""
    capped: dict[tuple, int] = {}
    known: dict[date, set[str]] = {}
    for (day, channel, path, origin), reads in sorted(counts.items(), key=lambda kv: -kv[1]):
        if origin:
            seen = known.setdefault(day, set(
                DailyReads.objects.filter(day=day).exclude(origin="")
                .values_list("origin", flat=True).distinct()
            ))  # fmt: skip
            if origin not in seen and len(seen) >= settings.REACH_MAX_ORIGINS:
                origin = "other"
            seen.add(origin)
        capped[(day, channel, path, origin)] = capped.get((day, channel, path, origin), 0) + reads
    return capped


def _project_feeds(paths) -> dict[str, int | None]:
    """The project each feed or calendar address is of, if any."""
    addresses = {(classify.channel(path), path) for path in paths}
    return {path: about.project_id for (_, path), about in attribute(addresses).items()}


def _fetchers(connection: redis.Redis) -> int:
    index = key("fetcher-keys")
    written = {}
    for raw in connection.smembers(index):
        name = raw.decode()
        day, path = name.split(":fetchers:", 1)[1].split(":", 1)
        if not connection.exists(name):
            connection.srem(index, name)
            continue
        written[(date.fromisoformat(day), path)] = connection.pfcount(name)
    concerns = _project_feeds(path for _, path in written)
    for (day, path), fetchers in written.items():
        DailyFetchers.objects.update_or_create(
            day=day, path=path, defaults={"fetchers": fetchers, "project_id": concerns[path]}
        )
    return len(written)


def _subscribers(connection: redis.Redis) -> int:
    """The reports since the last flush, taken out of Redis (the latest of each wins)."""
    batch = key(f"subscribers-flushing:{uuid.uuid4().hex}")
    with contextlib.suppress(redis.ResponseError):
        connection.renamenx(key("subscribers"), batch)
    names = [name.decode() for name in connection.scan_iter(match=key("subscribers-flushing:*"))]
    reports = {}
    for name in names:
        reports.update(connection.hgetall(name))
    decoded = [
        (*raw.decode().split(SEPARATOR), *value.decode().split(SEPARATOR))
        for raw, value in reports.items()
    ]
    concerns = _project_feeds(path for path, *_ in decoded)
    for path, reader, number, day in decoded:
        FeedSubscribers.objects.update_or_create(
            path=path, reader=reader,
            defaults={
                "subscribers": int(number), "reported_on": date.fromisoformat(day),
                "project_id": concerns[path],
            },
        )  # fmt: skip
    if names:
        connection.delete(*names)  # written over: doing it twice changes nothing
    return len(reports)
