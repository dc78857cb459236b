"""Reach: `python -m bench.reach` prints JSON.

- Counting's cost: a cached feed answer in-process, side by side with counting on (a
  Redis of the bench's) and off (no Redis for reach), alternating, many times: the
  difference of the medians is what counting adds to a cached answer.
- The report's cost: a project given 500 stories and a year of reads adding up to one
  million (a row per story and day, as the flush writes them) and weekly digests; the
  dissemination report built and rendered as the printable page and as the workbook.
  Inside a transaction rolled back after: the bench's database is left as it was.
"""

import json
import os
import statistics
import time
from datetime import timedelta

import django

ROUNDS = 20
PER_ROUND = 200


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    counting_url = settings.REACH_REDIS_URL or settings.REDIS_URL
    browser = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
    client = Client(HTTP_HOST="127.0.0.1", secure=True, HTTP_USER_AGENT=browser)
    assert client.get("/feeds/news.rss").status_code == 200  # cached from here on
    medians = {"on": [], "off": []}
    for _ in range(ROUNDS):
        for mode in ("on", "off"):
            settings.REACH_REDIS_URL = counting_url if mode == "on" else ""
            timings = []
            for _ in range(PER_ROUND):
                start = time.perf_counter()
                client.get("/feeds/news.rss")
                timings.append((time.perf_counter() - start) * 1000)
            medians[mode].append(statistics.median(timings))
    on, off = statistics.median(medians["on"]), statistics.median(medians["off"])
    print(json.dumps({"cached_feed_ms_counting": round(on, 3),
                      "cached_feed_ms_not_counting": round(off, 3),
                      "counting_adds_ms": round(on - off, 3),
                      **report_figures()}))  # fmt: skip


REPORT_STORIES = 500
REPORT_VIEWS = 1_000_000
REPORT_DAYS = 365


def report_figures() -> dict:
    from django.db import transaction
    from django.utils import timezone

    from news.models import NewsPage
    from news.snippets import PartnerProject
    from newsletter.models import Digest, DigestPage, DigestProject
    from reach.documents import render_file
    from reach.models import DailyReads
    from reach.report import Period, build

    end = timezone.localdate()
    start = end - timedelta(days=REPORT_DAYS - 1)
    with transaction.atomic():
        project = PartnerProject.objects.create(
            acronym="BENCHREACH", name="Bench", slug="bench-reach"
        )
        stories = list(
            NewsPage.objects.order_by("-pk").values_list("pk", flat=True)[:REPORT_STORIES]
        )
        assert len(stories) == REPORT_STORIES, "the bench needs 500 stories"
        NewsPage.objects.filter(pk__in=stories).update(date=start + timedelta(days=100))
        NewsPage.projects.through.objects.bulk_create(
            NewsPage.projects.through(newspage_id=pk, partnerproject=project) for pk in stories
        )
        per_row = REPORT_VIEWS // (REPORT_STORIES * REPORT_DAYS)
        extra = REPORT_VIEWS - per_row * REPORT_STORIES * REPORT_DAYS
        rows = (
            DailyReads(day=start + timedelta(days=d), channel="page", path=f"/bench/{pk}/",
                       page_id=pk, reads=per_row + (1 if n < extra else 0))
            for n, (d, pk) in enumerate((d, pk) for d in range(REPORT_DAYS) for pk in stories)
        )  # fmt: skip
        DailyReads.objects.bulk_create(rows, batch_size=5000)
        for week in range(52):
            digest = Digest.objects.create(until=timezone.now(), trigger="command", sent=800)
            Digest.objects.filter(pk=digest.pk).update(
                created_at=timezone.now() - timedelta(days=7 * week)
            )
            DigestPage.objects.bulk_create(
                DigestPage(digest=digest, page_id=pk, recipients=800) for pk in stories[:10]
            )
            DigestProject.objects.create(digest=digest, project=project, recipients=800)
        timings = {"build": [], "html": [], "xlsx": []}
        for _ in range(3):
            began = time.perf_counter()
            report = build(project, Period(start, end))
            built = time.perf_counter()
            render_file(report, "html")
            rendered = time.perf_counter()
            render_file(report, "xlsx")
            timings["build"].append(built - began)
            timings["html"].append(rendered - built)
            timings["xlsx"].append(time.perf_counter() - rendered)
        views = report.by_channel["page"]
        transaction.set_rollback(True)
    median = {name: statistics.median(values) for name, values in timings.items()}
    return {
        "report_stories": sum(a.kind == "story" for a in report.activities),
        "report_views": views,
        "report_build_s": round(median["build"], 3),
        "report_html_s": round(median["build"] + median["html"], 3),
        "report_xlsx_s": round(median["build"] + median["xlsx"], 3),
    }


if __name__ == "__main__":
    main()
