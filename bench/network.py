"""The network river's budgets: `python -m bench.network` prints JSON.

Fetching: 50 sources on a local HTTP server that honours conditional requests; after a
first fetch, fetching them all again must cost 50 conditional requests (answered 304) and
no item writes, and a cached river feed and news feed warmed before that round are still
answered from the cache (0 queries). A source that drips a byte every half second costs
at most its deadline + 1 s. Rendering: a river feed's queries with 50 and with 5,000
stored items.
"""

import json
import os
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django

from .measure import retire_everything

SOURCES = 50


def feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Partner {n} item {k}</title><link>https://p{n}.example.org/{k}</link>"
        f"<guid>p{n}-{k}</guid><pubDate>Tue, 10 Nov 2026 09:{k:02d}:00 +0000</pubDate>"
        f"<description>Item {k}</description></item>"
        for k in range(20)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Partner {n}</title>'
            f"<link>https://p{n}.example.org/</link><description>d</description>{items}"
            "</channel></rss>").encode()  # fmt: skip


class Partners(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/drip":
            return self.drip()
        Partners.requests.append(dict(self.headers))
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        body = feed(int(self.path.strip("/")))
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drip(self):
        """A byte every half second, for as long as anyone listens."""
        try:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b" " * 100000:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from network.models import FeedSource, NetworkItem
    from network.tasks import fetch_due_sources
    from news.snippets import PartnerProject

    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Partners)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    project = PartnerProject.objects.first()
    FeedSource.objects.bulk_create(
        [FeedSource(project=project, url=f"{base}/{n}") for n in range(SOURCES)]
    )
    fetch_due_sources.call()
    FeedSource.objects.update(next_fetch_at=timezone.now())
    Partners.requests.clear()
    client = Client(HTTP_HOST="127.0.0.1", secure=True)
    cached_paths = ("/feeds/network.atom", "/feeds/news.rss")
    for path in cached_paths:
        assert client.get(path).status_code == 200  # warm, before the round of fetches
    writes = {"items": 0}

    def count(execute, sql, params, many, context):
        if sql.startswith(("INSERT", "UPDATE")) and '"network_networkitem"' in sql:
            writes["items"] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        fetch_due_sources.call()
    refetch_seconds = time.perf_counter() - started
    conditional = sum(1 for h in Partners.requests if h.get("If-None-Match") == '"v1"')
    with CaptureQueriesContext(connection) as after_round:
        for path in cached_paths:
            assert client.get(path).status_code == 200

    from network.refresh import refresh

    dripping = FeedSource.objects.create(project=project, url=f"{base}/drip")
    started = time.perf_counter()
    drip_outcome = refresh(dripping)
    drip_seconds = time.perf_counter() - started
    dripping.delete()
    server.shutdown()

    def river_queries() -> tuple[int, float]:
        retire_everything()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            assert client.get("/feeds/network.atom").status_code == 200
        return len(queries), round((time.perf_counter() - started) * 1000, 1)

    keep = list(NetworkItem.objects.values_list("pk", flat=True)[:50])
    NetworkItem.objects.exclude(pk__in=keep).delete()
    client.get("/feeds/network.atom")  # warm imports, connections, the site lookup
    with_50 = river_queries()
    source = FeedSource.objects.first()
    # Older than everything else, so the river's first page stays the same: only the
    # number of stored items changes between the two measurements.
    long_ago = timezone.now() - timedelta(days=3650)
    NetworkItem.objects.bulk_create(
        [NetworkItem(source=source, original_id=f"bulk-{n}", link=f"https://p.example.org/{n}",
                     title=f"Bulk {n}", published_at=long_ago, updated_at=long_ago)
         for n in range(5000 - 50)],
        batch_size=500,
    )  # fmt: skip
    with_5000 = river_queries()
    print(json.dumps({
        "sources": SOURCES,
        "refetch_requests": len(Partners.requests),
        "refetch_conditional_requests": conditional,
        "refetch_item_writes": writes["items"],
        "refetch_seconds": round(refetch_seconds, 2),
        # Reading the content version (once a second, `CONTENT_VERSION_CHECK_SECONDS`) is
        # how an answer is known to be current; anything else would be rendering.
        "cached_feeds_queries_after_refetch": sum(
            '"delivery_contentversion"' not in q["sql"] for q in after_round.captured_queries
        ),
        "drip_deadline_s": settings.NETWORK_FETCH_TIMEOUT_SECONDS,
        "drip_fetch_s": round(drip_seconds, 2),
        "drip_outcome": drip_outcome,
        "river_feed_50_items": {"queries": with_50[0], "ms": with_50[1]},
        "river_feed_5000_items": {"queries": with_5000[0], "ms": with_5000[1]},
    }))  # fmt: skip


if __name__ == "__main__":
    main()
