"""Refreshing one source: fetch, parse, store; the outcome recorded on the source.

Errors are the source's, never the run's: each failure backs off exponentially (up to
NETWORK_MAX_BACKOFF_HOURS), a 410 deactivates the source, a permanent redirect updates
its stored address.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.search.backends import get_search_backends

from .fetch import Fetched, FetchError, fetch
from .models import FeedSource, NetworkItem
from .parse import ParsedItem, ParseError, parse_feed
from .signals import items_changed

logger = logging.getLogger(__name__)
URL_LENGTH = FeedSource._meta.get_field("url").max_length
STORED_FIELDS = ("link", "title", "summary", "content", "image_url", "categories",
                 "category_slugs", "updated_at")  # fmt: skip


def user_agent() -> str:
    return f"{settings.NETWORK_USER_AGENT_NAME} (+{settings.PUBLIC_BASE_URL}/network/)"


def download(source: FeedSource) -> Fetched | FetchError:
    """The network half of a refresh: touches no database, so several sources can be
    downloaded at once in threads (see tasks)."""
    try:
        return fetch(source.url, user_agent=user_agent(), etag=source.etag,
                     last_modified=source.last_modified)  # fmt: skip
    except FetchError as error:
        return error


def refresh(source: FeedSource, *, now: datetime | None = None) -> str:
    """Download and record one source."""
    return record(source, download(source), now=now)


def record(
    source: FeedSource, fetched: Fetched | FetchError, *, now: datetime | None = None
) -> str:
    """Parse and store what a download brought; the outcome is recorded on the source.

    Saves only what changed, so that bookkeeping (a 304, an error, the next attempt)
    retires no cached answer (see FeedSource.BOOKKEEPING_FIELDS)."""
    now = now or timezone.now()
    shown = (source.url, source.title)
    try:
        if isinstance(fetched, FetchError):
            raise fetched
        moved_to = fetched.moved_to
        if (
            moved_to
            and len(moved_to) <= URL_LENGTH
            and not FeedSource.objects.filter(url=moved_to).exists()
        ):
            source.url = moved_to
        if fetched.status == 304:
            outcome = "304 Not Modified"
        else:
            feed = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
            created, updated = store(source, feed.items, now)
            source.title = feed.title[:300] or source.title
            source.etag, source.last_modified = fetched.etag[:500], fetched.last_modified[:100]
            outcome = f"200 OK: {created} new, {updated} updated"
            if created or updated:
                source.item_count = source.items.count()
        source.consecutive_errors = 0
        source.next_fetch_at = now + timedelta(minutes=source.every_minutes)
    except (FetchError, ParseError) as error:
        outcome = _failed(source, error, now)
    source.last_fetched_at = now
    source.last_status = outcome[:200]
    fields = set(FeedSource.BOOKKEEPING_FIELDS)
    if (source.url, source.title) != shown:
        fields |= {"url", "title"}
    source.save(update_fields=sorted(fields))
    return outcome


def _failed(source: FeedSource, error: Exception, now: datetime) -> str:
    source.consecutive_errors += 1
    if getattr(error, "gone", False):
        source.active = False
    delay = min(
        source.every_minutes * 2 ** (source.consecutive_errors - 1),
        settings.NETWORK_MAX_BACKOFF_HOURS * 60,
    )
    source.next_fetch_at = now + timedelta(minutes=delay)
    reason = getattr(error, "reason", None) or str(error)
    logger.info("feed %s failed (%s in a row): %s", source.url, source.consecutive_errors, reason)
    return f"error: {reason}"


def index_items(rows: list[NetworkItem]) -> None:
    """Bulk writes send no signals: what they wrote enters the search index here, in one
    pass per search backend (the worker's time, never a reader's)."""
    if rows:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(NetworkItem, rows)


def store(source: FeedSource, items: tuple[ParsedItem, ...], now: datetime) -> tuple[int, int]:
    """One row per source and original id: new ones created, changed ones updated,
    in one query each; unchanged ones cost nothing."""
    existing = {
        row.original_id: row
        for row in source.items.filter(original_id__in=[i.original_id for i in items])
    }
    created, changed = [], []
    for item in items:
        row = existing.get(item.original_id)
        published = min(item.published, now) if item.published else None
        values = {
            "link": item.link,
            "title": item.title,
            "summary": item.summary,
            "content": item.content,
            "image_url": item.image_url,
            "categories": list(item.categories),
            "category_slugs": " " + " ".join(slugify(c) for c in item.categories) + " ",
        }
        if row is None:
            first = published or now  # an item without a date is dated when first seen
            updated = min(item.updated, now) if item.updated else first
            created.append(NetworkItem(source=source, original_id=item.original_id,
                                       published_at=first, updated_at=max(updated, first),
                                       first_seen_at=now, **values))  # fmt: skip
            continue
        if item.updated:
            values["updated_at"] = max(min(item.updated, now), row.published_at)
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    with transaction.atomic():
        NetworkItem.objects.bulk_create(created)
        NetworkItem.objects.bulk_update(changed, STORED_FIELDS)
        index_items([*created, *changed])
    if created or changed:
        source.items_changed_at = now
        items_changed.send(sender=FeedSource, source=source)
    return len(created), len(changed)
