"""A publish every 6 s under load: `python -m bench.publish_load PORT SECONDS` prints JSON.

Against a gunicorn already serving the bench database on PORT: wrk reads a mix of the
outputs readers and partner sites fetch (feeds in three formats, API listing and detail,
the river's feed and API, the calendar, the sitemap) for SECONDS, while this process
publishes an edit of the newest story every `INTERVAL` seconds, as an editor would. After
each publish it asks every output of the mix that shows the story until each answers with
the new title: the time from the publish to the last of them is "fresh again" (the
content version's check interval, then one cold render per output, under the load).
"""

import json
import os
import sys
import tempfile
import threading
import time
import urllib.request

import django

INTERVAL = 6.0
MIX = (
    "/feeds/news.rss", "/feeds/news.atom", "/feeds/news.json",
    "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20", "/feeds/network.atom",
    "/api/v2/network/?limit=20", "/events/calendar.ics", "/sitemap.xml",
)  # fmt: skip
# The outputs that show the newest story's title (the calendar and sitemap do not).
SHOWING_THE_STORY = MIX[:6]


def wrk_mix(base: str, seconds: int, results: dict) -> None:
    paths = ", ".join(f'"{path}"' for path in MIX)
    script = (
        f"paths = {{{paths}}}\ni = 0\nwrk.headers['X-Forwarded-Proto'] = 'https'\n"
        "request = function()\n  i = (i % #paths) + 1\n  return wrk.format('GET', paths[i])\nend\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    from .run import wrk_output

    results.update(wrk_output(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", file.name, base + "/"]
    ))  # fmt: skip


def fetch(url: str) -> str:
    """GET from the bench's own gunicorn on loopback (http only)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode()


def main(port: int, seconds: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from news.models import NewsPage

    base = f"http://127.0.0.1:{port}"
    for path in MIX:
        fetch(base + path)
    load: dict = {}
    reader = threading.Thread(target=wrk_mix, args=(base, seconds, load))
    reader.start()
    fresh, deadline, n = [], time.monotonic() + seconds - INTERVAL, 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        story = NewsPage.objects.live().order_by("-published_at").first()
        n += 1
        story.title = f"Generated story, edition {n} {time.time_ns()}"
        story.save_revision().publish()
        published = time.monotonic()
        waiting = set(SHOWING_THE_STORY)
        while waiting and time.monotonic() - published < 30:
            waiting = {path for path in waiting if story.title not in fetch(base + path)}
            if waiting:
                time.sleep(0.05)
        fresh.append(round(time.monotonic() - published, 2) if not waiting else None)
        time.sleep(max(0.0, INTERVAL - (time.monotonic() - started)))
    reader.join()
    ok = [f for f in fresh if f is not None]
    print(json.dumps({**load, "publishes": len(fresh), "never_fresh": fresh.count(None),
                      "fresh_median_s": sorted(ok)[len(ok) // 2] if ok else None,
                      "fresh_max_s": max(ok) if ok else None}))  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
