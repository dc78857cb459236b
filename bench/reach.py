"""Reach counting's cost: `python -m bench.reach` prints JSON.

A cached feed answer in-process, side by side with counting on (a Redis of the bench's)
and off (no Redis for reach), alternating, many times: the difference of the medians is
what counting adds to a cached answer.
"""

import json
import os
import statistics
import time

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
                      "counting_adds_ms": round(on - off, 3)}))  # fmt: skip


if __name__ == "__main__":
    main()
