"""Worker figures: `python -m bench.worker` prints JSON.

The documented worker (`manage.py run_worker`) runs as its own process on the bench's
database, with a local WebSub hub. Latency: from the moment a publish starts to the hub
receiving the ping, ten times, the worker idle in between (median); a scheduled story,
from its go-live time to being live (three, the worst), then again while 17 partner
feeds misbehave at once (dripping, stalling, huge, redirecting in a loop). Memory: the
worker's resident size before and after 1,000 jobs.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]


def rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


MISBEHAVING = 17


def misbehaving_partners(server) -> list[str]:
    """Paths of 17 feeds that each hold a fetch as long as they can, in four ways."""
    from tests.servers import Reply

    kinds = {
        "drip": Reply(body=b"<rss>" + b" " * 5000, drip=0.5),
        "stall": Reply(body=b"<rss/>", delay=30),
        "huge": Reply(body=b"<rss>" + b" " * 30_000_000),
    }
    paths = []
    for n in range(MISBEHAVING):
        kind = [*kinds, "loop"][n % (len(kinds) + 1)]
        path = f"/{kind}-{n}"
        server.routes[path] = (
            Reply(302, headers={"Location": path}) if kind == "loop" else kinds[kind]
        )
        paths.append(path)
    return paths


def scheduled_lateness(pages, wait) -> list[float]:
    """Seconds from each story's go-live time to its being live."""
    from django.utils import timezone

    from news.models import NewsPage

    lateness = []
    for page in pages:
        page.unpublish()
        page.go_live_at = timezone.now() + timedelta(seconds=3)
        page.save_revision().publish()  # with a go-live time: scheduled
        wait(lambda pk=page.pk: NewsPage.objects.filter(pk=pk, live=True).exists())
        lateness.append((timezone.now() - page.go_live_at).total_seconds())
    return lateness


def main() -> None:
    from tests.servers import RecordingServer

    with RecordingServer() as hub, RecordingServer() as partners:
        os.environ["WEBSUB_HUB_URL"] = hub.url + "/hub"
        os.environ["NETWORK_ALLOW_PRIVATE_ADDRESSES"] = "127.0.0.1/32"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        django.setup()

        from django_tasks_db.models import DBTaskResult

        from bench.tasks import noop
        from network.models import FeedSource
        from network.tasks import fetch_due_sources
        from news.models import NewsPage
        from news.snippets import PartnerProject

        def idle() -> bool:
            return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()

        def wait(condition, timeout=120):
            deadline = time.monotonic() + timeout
            while not condition():
                if time.monotonic() > deadline:
                    raise RuntimeError("the worker never got there")
                time.sleep(0.05)

        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"], cwd=ROOT, env=os.environ.copy(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait(idle)
            pages = list(NewsPage.objects.live().order_by("pk")[:10])
            latencies = []
            for n, page in enumerate(pages):
                time.sleep(1)  # the worker idles: it is polling, not busy
                page.title = f"{page.title} ({n})"
                pressed = time.monotonic()  # the editor presses Publish
                page.save_revision().publish()
                hub.wait_for(n + 1, timeout=60)
                latencies.append(time.monotonic() - pressed)
            wait(idle)
            # Scheduled publishing: how long after its go-live time a story is live.
            lateness = scheduled_lateness(pages[:3], wait)
            wait(idle)
            # The same while every partner misbehaves at once.
            project = PartnerProject.objects.order_by("pk").first()
            FeedSource.objects.bulk_create(
                [FeedSource(project=project, url=partners.url + path, fetch_every_minutes=1)
                 for path in misbehaving_partners(partners)]
            )  # fmt: skip
            fetch_due_sources.enqueue()
            partners.wait_for(MISBEHAVING, timeout=60)  # every partner is holding a fetch
            lateness_misbehaving = scheduled_lateness(pages[3:6], wait)
            FeedSource.objects.all().delete()
            wait(idle, timeout=180)
            before = rss_kb(worker.pid)
            for n in range(1000):
                noop.enqueue(n)
            wait(idle, timeout=600)
            after = rss_kb(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    print(
        json.dumps(
            {
                "ping_median_s": round(statistics.median(latencies), 2),
                "ping_max_s": round(max(latencies), 2),
                "scheduled_late_max_s": round(max(lateness), 2),
                "scheduled_late_max_s_partners_misbehaving": round(max(lateness_misbehaving), 2),
                "misbehaving_partners": MISBEHAVING,
                "jobs": 1000,
                "worker_growth_mb": round((after - before) / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
