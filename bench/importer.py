"""The import's budgets: `python -m bench.importer` prints JSON.

A WordPress export of 1,000 posts (headings, paragraphs, lists, a link, a quote, an
image each; 1,000 PNG images served by a local HTTP server) is imported three times into
the database `DATABASE_URL` names: without its images (the rate budget, items/s), with
them (the memory budget: the process's peak resident size), and again unchanged (the
re-run budget: no database write at all, no download). Everything it writes is removed
at the end.
"""

import io
import json
import os
import resource
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django

POSTS = int(os.environ.get("BENCH_IMPORT_POSTS", 1000))


def png(n: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (n % 255, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


class Images(BaseHTTPRequestHandler):
    body = b""
    served = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        Images.served += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def post(n: int, base: str, *, with_image: bool) -> str:
    image = (
        f'<figure class="wp-block-image"><img src="{base}/uploads/{n}.png" alt="Sample {n} '
        f'under the microscope"><figcaption>Sample {n}</figcaption></figure>'
        if with_image
        else ""
    )
    body = (
        f"<h2>Results of batch {n}</h2><p>The <strong>recycled</strong> magnets of batch {n} "
        "reached 95 % of the remanence of new ones, measured with a hysteresigraph at room "
        'temperature. <a href="https://example.org/report">The report</a> has the details.</p>'
        f"{image}<h3>Next steps</h3><ul><li>Scale up the line</li><li>Test at 150 °C</li></ul>"
        "<blockquote><p>Recycling works at scale.</p><cite>Coordinator</cite></blockquote>"
        + "<p>Further paragraph with plain words about the circular economy.</p>"
        * 4
    )
    return (
        f"<item><title>Batch {n} results</title>"
        f"<link>https://old.example.org/{2020 + n % 5}/batch-{n}/</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        f"<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2024-0{1 + n % 9}-1{n % 9} 10:00:00"
        "</wp:post_date_gmt><wp:post_type>post</wp:post_type>"
        '<category domain="post_tag" nicename="magnets"><![CDATA[magnets]]></category></item>'
    )


def export(base: str, *, with_images: bool) -> bytes:
    items = "".join(post(n, base, with_image=with_images) for n in range(POSTS))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old site</title>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"
    ).encode()


def main() -> dict:
    django.setup()
    from django.conf import settings
    from django.db import connection

    from importer.models import ImportedImage
    from importer.readers import read_wxr
    from importer.run import run_import
    from importer.stories import Options, news_index
    from news.models import NewsPage

    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True
    Images.body = png(7)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Images)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    index = news_index()
    before = set(NewsPage.objects.values_list("pk", flat=True))

    def timed(items) -> tuple[float, object]:
        start = time.perf_counter()
        report = run_import(items, Options(index=index))
        return time.perf_counter() - start, report

    plain_seconds, plain = timed(read_wxr(export(base, with_images=False)))
    imported = NewsPage.objects.exclude(pk__in=before)
    imported.delete()  # the run with images makes them afresh
    with_images = read_wxr(export(base, with_images=True))
    images_seconds, full = timed(with_images)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    served = Images.served
    writes = []

    def count_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_writes):
        rerun_seconds, rerun = timed(with_images)
    figures = {
        "posts": POSTS,
        "created_without_images": plain.created,
        "items_per_second_without_images": round(POSTS / plain_seconds, 1),
        "created_with_images": full.created,
        "images_downloaded": full.images_downloaded,
        "seconds_with_images": round(images_seconds, 1),
        "peak_rss_mb": round(peak_mb),
        "rerun_unchanged": rerun.unchanged,
        "rerun_writes": len(writes),
        "rerun_downloads": Images.served - served,
        "rerun_seconds": round(rerun_seconds, 1),
    }
    NewsPage.objects.exclude(pk__in=before).delete()
    for row in ImportedImage.objects.select_related("image"):
        row.image.delete()
    server.shutdown()
    return figures


if __name__ == "__main__":
    print(json.dumps(main()), file=sys.stdout)
