"""One round of the network-scale figures for one database: `python -m bench.scale_measure`
prints JSON (`--explain` adds query plans, `--profile` a profile of the cold feed).

Every read is timed in-process with Django's test client, best of `RUNS`, with every
cache emptied before each run (cold: what the first reader after a publish gets), unless
its name says otherwise. The orchestration (sizes, interleaved rounds, budgets) is
bench/scale.py.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time

import django

from .measure import retire_everything

RUNS = 5
# A listing page every size has: the 80th page of 12 (offset 948), so "deep" compares
# the same work at 1,000 and 100,000 stories; the size's own last page is reported too.
DEEP_PAGE = 80
SEARCH_WORDS = "recycling dysprosium"


def main(explain: bool, profile: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Site

    from news.models import NewsIndexPage, NewsPage
    from news.tally import visible_total

    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    admin = Client(HTTP_HOST="127.0.0.1", secure=True)
    user = get_user_model().objects.filter(is_superuser=True).first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
    admin.force_login(user)

    def timed(path: str, *, on=client, cold: bool = True, runs: int = RUNS) -> dict:
        timings, queries, status = [], 0, 0
        on.get(path)  # imports, connections
        for _ in range(runs):
            if cold:
                retire_everything()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = on.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            queries, status = len(captured), response.status_code
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return {"ms": round(min(timings), 2), "queries": queries}

    def timed_call(call, runs: int = RUNS) -> dict:
        timings = []
        for _ in range(runs):
            retire_everything()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                call()
                timings.append((time.perf_counter() - start) * 1000)
        return {"ms": round(min(timings), 2), "queries": len(captured)}

    site = Site.objects.get(is_default_site=True)
    index = NewsIndexPage.objects.get()
    stories = NewsPage.objects.publishable(site=site)
    count = stories.count()
    last_page = (count + 11) // 12
    story = NewsPage.objects.filter(slug__startswith="generated-").order_by("-pk").first()
    huge = NewsPage.objects.get(slug="thousand-blocks")
    listing = "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20"
    results = {
        "stories": count,
        "feed_cold": timed("/feeds/news.atom"),
        "stock_feed_cold": timed("/bench/stock-feed/", runs=2),
        "api_listing_20_cold": timed(listing),
        "api_listing_20_deep_cold": timed(f"{listing}&offset={12 * (DEEP_PAGE - 1)}"),
        "stock_api_listing_20": timed(listing.replace("/api/", "/bench/stock-api/"), runs=2),
        "api_detail_cold": timed(f"/api/v2/pages/{story.pk}/"),
        "api_detail_1000_blocks_cold": timed(f"/api/v2/pages/{huge.pk}/", runs=3),
        "updates_page_cold": timed("/updates/"),
        "updates_deep_page_cold": timed(f"/updates/?page={DEEP_PAGE}"),
        "updates_last_page_cold": timed(f"/updates/?page={last_page}", runs=3),
        # Readers paging on after the first page: HTML is rendered every time, the total
        # is kept per content version (delivery.counts).
        "updates_next_pages": timed(f"/updates/?page={DEEP_PAGE}", cold=False),
        # The total every unfiltered listing shows (the API, Updates, the sitemap, the
        # river): from the live-page tally (news.tally); a filtered one still counts rows.
        "count": timed_call(lambda: visible_total(NewsPage, site=site)),
        "count_rows": timed_call(lambda: NewsPage.objects.publishable(site=site).count()),
        "river_feed_cold": timed("/feeds/network.atom"),
        "river_page_cold": timed("/network/"),
        "calendar_cold": timed("/events/calendar.ics"),
        "sitemap_cold": timed("/sitemap.xml", runs=3),
        "search_page_cold": timed(f"/search/?search={SEARCH_WORDS.replace(' ', '+')}"),
        "api_search_cold": timed(f"{listing}&search={SEARCH_WORDS.replace(' ', '+')}"),
        "admin_updates_listing": timed(f"/admin/pages/{index.pk}/", on=admin, runs=3),
        "admin_search": timed("/admin/pages/search/?q=dysprosium", on=admin, runs=3),
        "admin_page_chooser": timed(
            "/admin/choose-page/?page_type=wagtailcore.page", on=admin, runs=3
        ),  # fmt: skip
    }
    if explain:
        results["plans"] = plans(connection, site, stories, last_page)
        with CaptureQueriesContext(connection) as captured:
            visible_total(NewsPage, site=site)
        with connection.cursor() as cursor:
            results["plans"]["count from the live-page tally"] = _explain(
                cursor, captured.captured_queries[-1]["sql"], None
            )
    if profile:
        results["profile"] = profiled(client)
    print(json.dumps(results))


def plans(connection, site, stories, last_page: int) -> dict:
    """EXPLAIN ANALYZE of the queries the figures rest on (PostgreSQL's plan text)."""
    from news.querysets import search_scores

    listing = stories.without_bodies()
    queries = {
        "listing, first page": listing[:12],
        f"listing, page {DEEP_PAGE}": listing[12 * (DEEP_PAGE - 1) : 12 * DEEP_PAGE],
        f"listing, last page ({last_page})": listing[12 * (last_page - 1) : 12 * last_page],
        "count of the rows (a filtered listing's way)": listing.order_by().values("pk"),
    }
    found = {}
    with connection.cursor() as cursor:
        for name, queryset in queries.items():
            sql, params = queryset.query.sql_with_params()
            if name.startswith("count"):
                sql = f"SELECT COUNT(*) FROM ({sql}) counted"  # noqa: S608 - Django's own SQL
            found[name] = _explain(cursor, sql, params)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search_scores(stories.model, SEARCH_WORDS)
    search_sql = [q["sql"] for q in captured.captured_queries]
    with connection.cursor() as cursor:
        found["search ranking"] = _explain(cursor, search_sql[-1], None)
    return found


def _explain(cursor, sql: str, params) -> str:
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params)
    return "\n".join(row[0] for row in cursor.fetchall())


def profiled(client) -> str:
    """Where a cold news feed spends its time: the 20 largest cumulative entries."""
    client.get("/feeds/news.atom")
    retire_everything()
    profiler = cProfile.Profile()
    profiler.enable()
    client.get("/feeds/news.atom")
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


if __name__ == "__main__":
    main(explain="--explain" in sys.argv, profile="--profile" in sys.argv)
