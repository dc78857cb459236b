"""How many clicks an editor needs to write and publish a story with one new image,
starting from the dashboard (issue 17 measured 17 before this work). Every trusted click
the browser sees is counted, across page loads and dialogs; the test fails if the path
grows back."""

import json
import re

from django.utils.html import escape

import pytest
from playwright.sync_api import expect

from home.demo.content import STORIES
from news.models import NewsPage
from tests.e2e.conftest import screenshot
from tests.e2e.editor import log_in, png_bytes, publish
from tests.factories import build_site

# A usability budget (clicks from the dashboard to published), measured in three long
# editor sessions: the slow tier runs it (CI, on every submission).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.engine_independent,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

COUNT_CLICKS = """document.addEventListener('click',
    (event) => { if (event.isTrusted) console.log('editor-click'); }, {capture: true});"""
# Picking the file in the operating system's dialog, which the browser cannot see.
FILE_DIALOG_CLICKS = 1
BUDGET = 11  # measured: 11 (17 before issue 17)


def from_the_dashboard(page, live_server, django_user_model) -> list:
    """A site, a logged-in editor on the dashboard, and the list of their clicks from now."""
    build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-pass")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server.url, "editor", "editor-pass")
    clicks = []
    page.add_init_script(COUNT_CLICKS)
    page.on("console", lambda message: message.text == "editor-click" and clicks.append(1))
    page.goto(f"{live_server.url}/admin/")
    return clicks


def write_with_new_hero(page, *, title: str, summary: str, file_stem: str, description: str):
    """ "Write an update", its title and summary, and a hero image uploaded in the chooser
    (the system's file dialog is one click the browser cannot see: FILE_DIALOG_CLICKS)."""
    page.get_by_role("link", name="Write an update").click()
    page.locator("#id_title").click()
    page.keyboard.type(title)
    page.locator("#id_summary").click()
    page.keyboard.type(summary)
    page.locator("[data-contentpath='hero_image']").get_by_role(
        "button", name="Choose an image"
    ).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    with page.expect_file_chooser() as chooser:
        modal.locator("input[type=file]").click()
    chooser.value.set_files(
        {"name": f"{file_stem}.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    # Wagtail fills the title from the file name once it has read the file; typing before
    # that loses keystrokes to it.
    expect(modal.locator("input[name='image-chooser-upload-title']")).to_have_value(file_stem)
    field = modal.locator("input[name='image-chooser-upload-description']")
    field.click()
    field.fill(description)
    modal.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_selector(".modal-dialog", state="detached")


def test_write_and_publish_a_story_with_one_new_image_in_few_clicks(
    page, live_server, django_user_model
):
    clicks = from_the_dashboard(page, live_server, django_user_model)
    write_with_new_hero(
        page,
        title="Pilot line reaches 1 tonne a month",
        summary="The recycling pilot line now makes a tonne of magnet alloy a month.",
        file_stem="pilot-line",
        description="The pilot line's furnace glowing orange",
    )
    publish(page)  # two clicks: the footer's action menu, then Publish
    screenshot(page, "click-count-published")

    story = NewsPage.objects.get(title="Pilot line reaches 1 tonne a month")
    assert story.live
    assert story.hero_image.description == "The pilot line's furnace glowing orange"
    total = len(clicks) + FILE_DIALOG_CLICKS
    print(f"clicks to write and publish a story with one new image: {total}")
    assert total <= BUDGET, total


PASTE_BUDGET = 25  # issue 24: each example article pasted from its page, hero included
EXAMPLES = {story["slug"]: story for story in STORIES[:2]}  # PERMANET and PASSENGER


def article_page_html(story: dict) -> str:
    """The example article as its web page carries it (the demo content holds the two
    articles' texts): a title, sections, paragraphs, lists and quotes in an <article>."""
    parts = [f"<h1>{escape(story['title'])}</h1>"]
    for block in story["body"]:
        value = block["value"]
        if block["type"] == "heading":
            parts.append(f"<{value['level']}>{escape(value['text'])}</{value['level']}>")
        elif block["type"] == "paragraph":
            parts.append(re.sub(r"\{page:[a-z0-9-]+\}", "https://example.org/", value))
        elif block["type"] == "quote":
            parts.append(f"<blockquote><p>{escape(value['text'])}</p></blockquote>")
    return '<meta charset="utf-8"><article class="entry">' + "".join(parts) + "</article>"


@pytest.mark.parametrize("slug", list(EXAMPLES))
def test_publish_an_example_article_pasted_from_its_page_with_a_hero_in_few_clicks(
    page, live_server, django_user_model, slug
):
    from tests.e2e.test_paste import PUT_ON_CLIPBOARD

    story = EXAMPLES[slug]
    clicks = from_the_dashboard(page, live_server, django_user_model)
    write_with_new_hero(
        page,
        title=story["title"],
        summary=story["summary"],
        file_stem="hero",
        description=story["hero_alt"],
    )
    # The article, copied from its page: one paragraph block, then Ctrl+V.
    page.evaluate(PUT_ON_CLIPBOARD, article_page_html(story))
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Paragraph", exact=True).click()
    page.locator(".public-DraftEditor-content").last.click()
    page.keyboard.press("Control+V")
    page.keyboard.press("Escape")  # Draftail's block menu may open on a pasted "/"
    headings = [b["value"] for b in story["body"] if b["type"] == "heading"]
    expect(page.locator("[name='body-0-value']")).to_have_value(
        re.compile(re.escape(json.dumps(headings[-1]["text"])[1:-1]))
    )
    publish(page)
    screenshot(page, f"click-count-pasted-{slug}")

    published = NewsPage.objects.get(title=story["title"])
    assert published.live and published.hero_image is not None
    got = [(b.value["level"], b.value["text"]) for b in published.body if b.block_type == "heading"]
    assert got == [("h2", story["title"])] + [(h["level"], h["text"]) for h in headings]
    total = len(clicks) + FILE_DIALOG_CLICKS
    print(f"clicks to publish the pasted example {slug}: {total}")
    assert total <= PASTE_BUDGET, total
