"""What the network-scale bench adds to a generated site: `python -m bench.scale_data N`.

`bench.datagen` writes N stories without indexing them; here they (and the events) enter
the search index in bulk, and N/2 partner items (50,000 for 100,000 stories) arrive from
the demo's partner projects as fetches store them (bulk writes, then the same bulk
indexing as `network.refresh.index_items`).
"""

import datetime
import os
import random
import sys
import time
from contextlib import contextmanager

import django

BATCH = 1000


@contextmanager
def gin_indexes_rebuilt_after():
    """A bulk load's usual practice on PostgreSQL: the search table's GIN indexes are
    dropped while 100,000 entries go in and built once after (maintaining them row by row
    made indexing four times slower as the table grew)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE "
            "tablename = 'wagtailsearch_indexentry' AND indexdef LIKE '%USING gin%'"
        )
        gins = cursor.fetchall()
        for name, _ in gins:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, definition in gins:
                cursor.execute(definition)


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from wagtail.search.backends import get_search_backend

    from events.models import EventPage
    from news.models import NewsPage

    started = time.perf_counter()
    with gin_indexes_rebuilt_after():
        index_pages(get_search_backend(), (NewsPage, EventPage))
        indexed = time.perf_counter() - started
        store_items(count // 2)
    items = count // 2
    print(f"indexed {count} stories in {indexed:.0f} s; stored and indexed {items} partner "
          f"items in {time.perf_counter() - started - indexed:.0f} s")  # fmt: skip


def index_pages(backend, models) -> None:
    for model in models:
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for first in range(0, len(ids), BATCH):
            backend.add_bulk(model, list(model.objects.filter(pk__in=ids[first : first + BATCH])))


def store_items(items: int) -> None:
    """Partner items as fetches store them (bulk writes, then `index_items`)."""
    from django.db import transaction
    from django.utils import timezone

    from network.models import FeedSource, NetworkItem
    from network.refresh import index_items
    from news.snippets import PartnerProject

    from .datagen import TOPICS

    rng = random.Random(11)
    sources = [
        FeedSource.objects.get_or_create(
            project=project, url=f"https://{project.slug}.example.org/feed.xml",
            defaults={"title": f"{project.acronym} news"},
        )[0]
        for project in PartnerProject.objects.order_by("pk")
    ]  # fmt: skip
    now = timezone.now()
    for first in range(0, items, BATCH):
        rows = []
        for n in range(first, min(first + BATCH, items)):
            published = now - datetime.timedelta(minutes=37 * n + 5)
            topics = " and ".join(rng.sample(TOPICS, 2))
            rows.append(NetworkItem(
                source=sources[n % len(sources)], original_id=f"urn:bench:{n}",
                link=f"https://partner.example.org/news/{n}", title=f"Partner item {n} on {topics}",
                summary=f"What a partner project published about {topics}.",
                content=f"<p>Partner item {n}: recycling magnets, {topics}, and the supply "
                "chain of rare earths.</p>" * 3,
                categories=["Research"], category_slugs=" research ",
                published_at=published, updated_at=published,
            ))  # fmt: skip
        with transaction.atomic():
            NetworkItem.objects.bulk_create(rows)
            index_items(rows)


if __name__ == "__main__":
    main(int(sys.argv[1]))
