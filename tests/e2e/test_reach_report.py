"""The Reach page and the printable dissemination report in Chromium: reads made through
the live server and flushed by the worker's flush are charted and tabled with the same
figures; the printable report prints to a PDF; the workbook downloads from the page."""

import io
import urllib.request
from datetime import timedelta

from django.utils import timezone

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reach.flush import flush
from tests.e2e.conftest import screenshot
from tests.e2e.editor import log_in
from tests.factories import build_site, make_news, make_project
from tests.reach.conftest import reach_redis  # noqa: F401 (a redis-server of its own)
from tests.reach.test_counting import BROWSER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
    pytest.mark.usefixtures("reach_redis"),
]


def test_the_report_in_chromium_charts_what_its_tables_say(page, live_server, django_user_model):
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    permanet = make_project("PERMANET")
    stories = [
        make_news(
            index,
            title=f"PERMANET story {n}",
            projects=[permanet],
            date=timezone.localdate() - timedelta(days=n),
        )  # fmt: skip
        for n in range(3)
    ]
    for story, reads in zip(stories, (9, 6, 5), strict=True):
        for _ in range(reads):  # readers, through the live server
            request = urllib.request.Request(
                live_server.url + story.url, headers={"User-Agent": BROWSER}
            )
            assert urllib.request.urlopen(request).status == 200
    flush()
    django_user_model.objects.create_superuser("officer", "o@example.org", "pw")
    log_in(page, live_server.url, "officer", "pw")
    today = timezone.localdate()
    query = f"project=permanet&start={today - timedelta(days=29)}&end={today}"

    page.goto(f"{live_server.url}/admin/reach/?{query}")
    charts = page.locator("figure.reach-chart")
    expect(charts).to_have_count(3)  # over time, most read, by channel (one project)
    expect(page.get_by_text("20 reads of PERMANET")).to_be_visible()
    most_read = charts.nth(1)
    assert most_read.locator("rect").count() == 3
    assert most_read.locator("title").all_text_contents() == [
        "PERMANET story 0: 9", "PERMANET story 1: 6", "PERMANET story 2: 5",
    ]  # fmt: skip
    widths = [float(w) for w in most_read.locator("rect").evaluate_all(
        "bars => bars.map(bar => bar.getAttribute('width'))"
    )]  # fmt: skip
    assert widths[0] > widths[1] > widths[2] > 0  # drawn to scale, largest first
    screenshot(page, "reach-page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    reached = {row[2]: row[5] for row in list(book["Activities"].values)[1:]}
    assert reached == {"PERMANET story 0": 9, "PERMANET story 1": 6, "PERMANET story 2": 5}

    page.get_by_role("link", name="Printable report (save as PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dissemination report: PERMANET")
    expect(page.locator("figure.reach-chart svg")).to_have_count(3)
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(3)
    screenshot(page, "reach-printable-report")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
