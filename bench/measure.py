"""In-process figures for one database: `python -m bench.measure` prints JSON.

Times are the best of several runs with Django's test client (no network), as timeit
reports, since on a shared machine noise only ever adds time; query counts
come from Django's own capture. The stock baselines (Django syndication feed, Wagtail's
API as shipped) are measured here, in the same run, on the same pages.
"""

import json
import os
import time

import django


def retire_everything() -> None:
    """What a publish does to every cached answer: a new content version (so this
    process's local copies miss too) and an empty shared cache (counts, references)."""
    from django.core.cache import cache

    from delivery.versions import bump_content_version

    bump_content_version()
    cache.clear()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import NewsPage

    client = Client(HTTP_HOST="127.0.0.1", secure=True)

    def measure(path: str, *, cold: bool, runs: int = 9, paths=None, **headers) -> dict:
        """`cold` empties every cache first; `paths` instead requests a different URL each
        run, so the response is not cached but shared lookups (site roots, counts) are."""
        timings, queries, size, status = [], 0, 0, 0
        client.get(path, **headers)  # warm imports, connections, site-root caches
        for run in range(runs):
            if paths:
                path = paths[run % len(paths)]
            if cold:
                retire_everything()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path, **headers)
                timings.append((time.perf_counter() - start) * 1000)
            queries, status, size = len(captured), response.status_code, len(response.content)
        if (cold or paths) and queries == 0:
            raise RuntimeError(f"{path}: an uncached read was answered from the cache")
        return {"ms": round(min(timings), 2), "queries": queries,
                "status": status, "bytes": size}  # fmt: skip

    huge = NewsPage.objects.get(slug="thousand-blocks")
    story = NewsPage.objects.filter(slug__startswith="generated-").order_by("pk").first()
    listing = "/api/v2/pages/?type=news.NewsPage&fields=*"
    stock = "/bench/stock-api/v2/pages/?type=news.NewsPage&fields=*"
    feed = measure("/feeds/news.atom", cold=False)
    results = {
        "pages": NewsPage.objects.count(),
        "feed_cold": measure("/feeds/news.atom", cold=True),
        "feed_cached": feed,
        "feed_304": measure("/feeds/news.atom", cold=False, HTTP_IF_NONE_MATCH=_etag(client)),
        "stock_feed_cold": measure("/bench/stock-feed/", cold=True, runs=3),
        "api_listing_20_cold": measure(f"{listing}&limit=20", cold=True),
        "api_listing_100_cold": measure(f"{listing}&limit=100", cold=True),
        "api_listing_20_next_pages": measure(
            listing,
            cold=False,
            paths=[f"{listing}&limit=20&offset={20 * n}" for n in range(1, 10)],
        ),
        "api_listing_20_cached": measure(f"{listing}&limit=20", cold=False),
        "api_detail_cold": measure(f"/api/v2/pages/{story.pk}/", cold=True),
        "api_detail_1000_blocks_cold": measure(f"/api/v2/pages/{huge.pk}/", cold=True, runs=3),
        "stock_api_listing_20": measure(f"{stock}&limit=20", cold=True, runs=3),
        "calendar_cold": measure("/events/calendar.ics", cold=True),
        "project_calendar_cold": measure("/events/projects/passenger.ics", cold=True),
        "events_feed_cold": measure("/feeds/events.atom", cold=True),
        "api_events_listing_20_cold": measure(
            "/api/v2/pages/?type=events.EventPage&upcoming=true&fields=*&limit=20", cold=True
        ),
    }
    # The static-file comparison serves a file of exactly the cached feed's size.
    feed_bytes = client.get("/feeds/news.atom").content
    with open(os.environ["BENCH_FEED_COPY"], "wb") as copy:
        copy.write(feed_bytes)
    print(json.dumps(results))


def _etag(client) -> str:
    return client.get("/feeds/news.atom")["ETag"]


if __name__ == "__main__":
    main()
