"""An article pasted into a story keeps its shape: headings become heading blocks of the
right level; paragraphs, lists, links, bold, italic, sub/superscript and line breaks stay;
colours, fonts, tables' grid and scripts go.

The clipboard is the system's: each fixture (tests/e2e/clipboard/) is put on it as the
source application does (HTML with its own markup: a web page's, Word's `mso-` styles,
Google Docs' `docs-internal-guid` wrapper, LibreOffice's `<font>` and `class="western"`)
and pasted with Ctrl+V into a new story's
paragraph block, then saved as a draft.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from news.models import NewsPage
from tests.e2e.conftest import screenshot
from tests.e2e.editor import add_block, log_in, rich_text_editor
from tests.factories import build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

CLIPBOARD = Path(__file__).parent / "clipboard"
PUT_ON_CLIPBOARD = """async (html) => {
    const text = new DOMParser().parseFromString(html, 'text/html').body.innerText;
    await navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], {type: 'text/html'}),
        'text/plain': new Blob([text], {type: 'text/plain'}),
    })]);
}"""

# (fixture, expected headings in order, words that must be in the paragraphs). Sub- and
# superscript come as elements from a web page and Word, as styled spans from Google Docs.
ARTICLES = {
    "web_page": (
        [
            ("h2", "Clustering session on rare-earth magnet recycling"),
            ("h2", "Why recycling matters"),
            ("h3", "What the projects showed"),
        ],
        ["<ul>", "<ol>", '<a href="https://example.org/events/clustering">', "<b>PERMANET</b>",
         "<i>circular</i>", "Nd<sub>2</sub>Fe<sub>14</sub>B", "10<sup>3</sup> t",
         "<br/>A second line"],
    ),
    "word": (
        [("h2", "PASSENGER final conference"), ("h2", "Results"), ("h2", "Next steps")],
        ['<ul><li data-block-key="', "Pilot plant in operation</li>", "<ol>",
         "Scale up the powder line</li>", "<b>PASSENGER</b>", "<i>strontium-ferrite</i>",
         '<a href="https://example.org/passenger/final">', "H<sub>2</sub>O",
         "10<sup>3</sup> A/m", "<br/>Forty people attended."],
    ),
    "google_docs": (
        [("h2", "REMHub opens its testing hall"), ("h2", "Equipment")],
        ["<b>recycled magnets</b>", '<a href="https://example.org/remhub">', "<i> across Europe",
         "<ul>", "Hysteresigraph</li>", "<ol>", "Book a slot</li>", "Dy<sub>2</sub>O<sub>3</sub>",
         "10<sup>-3</sup> mbar",
         "First line<br/>after a line break"],
    ),
    "libreoffice": (
        [("h2", "SUSMAGPRO pilot line recycles its first tonne"), ("h2", "What comes next")],
        ["<b>end-of-life</b>", "Nd<sub>2</sub>Fe<sub>14</sub>B", "10<sup>6</sup> A/m",
         '<a href="https://example.org/susmagpro/pilot">', "First line<br/>after a line break",
         "<i>Pforzheim</i>", "<ul>", "Sort magnets by grade</li>", "<ol>",
         "A demonstrator motor</li>"],
    ),
}  # fmt: skip


def test_a_pasted_article_keeps_its_headings_lists_links_and_line_breaks(
    page, live_server, django_user_model
):
    """Each clipboard in turn, pasted into a new story by one logged-in editor; every
    source's differences are collected, so one failing source does not hide another."""
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-pass")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server.url, "editor", "editor-pass")
    add_url = f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/"
    wrong = {}
    for source, (headings, fragments) in ARTICLES.items():
        body = paste_into_a_new_story(page, add_url, source, last_heading=headings[-1][1])
        paragraphs = "".join(b["value"] for b in body if b["type"] == "paragraph")
        problems = [
            *(["headings", found] for found in [_headings(body)] if found != headings),
            *(["block types", found] for found in [{b["type"] for b in body}]
              if found != {"heading", "paragraph"}),
            *(["missing", fragment] for fragment in fragments if fragment not in paragraphs),
            *(["kept", kept] for kept in DROPPED if kept in paragraphs),
        ]  # fmt: skip
        if problems:
            wrong[source] = (problems, paragraphs)
    assert not wrong, wrong


DROPPED = ("style=", "<table", "<td", "<span", "<font", "alert(", "<h1", "<h2", "<h3", "mso-")


def _headings(body) -> list[tuple[str, str]]:
    return [(b["value"]["level"], b["value"]["text"]) for b in body if b["type"] == "heading"]


def paste_into_a_new_story(page, add_url: str, source: str, *, last_heading: str) -> list:
    """Paste a clipboard fixture into a new story's paragraph, save a draft, and return
    the stored body's blocks."""
    page.goto(add_url)
    page.fill("#id_title", f"Pasted from {source}")
    page.fill("#id_summary", "An article pasted as it came.")
    block = add_block(page, "Paragraph")
    page.evaluate(PUT_ON_CLIPBOARD, (CLIPBOARD / f"{source}.html").read_text())
    rich_text_editor(page, block).click()
    page.keyboard.press("Control+V")
    page.keyboard.press("Escape")  # Draftail's block menu may open on a pasted "/"
    # Draftail writes its field a moment after the last change: save once it has.
    expect(page.locator(f"[name='body-{block}-value']")).to_have_value(
        re.compile(re.escape(last_heading))
    )
    page.get_by_role("button", name="Save draft").click()
    page.locator("li.success").wait_for()
    screenshot(page, f"pasted-{source}")
    return list(NewsPage.objects.get(title=f"Pasted from {source}").body.raw_data)
