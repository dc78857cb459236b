"""An editor writes, previews, publishes, edits and unpublishes a story in Chromium."""

import json
import urllib.request

import feedparser
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.editor import (
    add_block,
    choose_new_image,
    field,
    log_in,
    press_publish,
    publish,
    rich_text_editor,
)
from tests.factories import build_site, make_category, make_news, make_project

# serialized_rollback keeps the root page and locale that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),  # one browser for the module
]


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def newsroom(live_server, django_user_model):
    home, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    data = {
        "index": index,
        "category": make_category("Research"),
        "projects": [make_project("PASSENGER"), make_project("GREENE"), make_project("REMHub")],
        "target": make_news(index, title="Recycling alone will not meet demand"),
    }
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-pass")
    return data


def write_story(page, newsroom) -> None:
    """Fill a news page the way an editor does: fields, every kind of block, classification."""
    page.fill("#id_title", "Magnets in the browser")
    page.fill("#id_summary", "Written by an editor in Chromium, from heading to call to action.")
    heading = add_block(page, "Heading")
    field(page, heading, "text").fill("What we found")

    paragraph = add_block(page, "Paragraph")
    rich_text_editor(page, paragraph).click()
    page.keyboard.type("Plain and bold words")
    for _ in range(len("bold words")):
        page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Control+b")
    page.keyboard.press("End")
    page.keyboard.press("Control+b")  # bold off again for what follows
    page.keyboard.press("Enter")
    page.keyboard.type("- first point")
    page.keyboard.press("Enter")
    page.keyboard.type("second point")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Read the related story")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")
    chooser = page.locator(".modal-dialog")
    chooser.locator("#id_q").fill("Recycling alone")
    chooser.locator("a.choose-page", has_text="Recycling alone will not meet demand").click()
    page.wait_for_selector(".modal-dialog", state="detached")

    image = add_block(page, "Image")
    choose_new_image(page, image, "Editor's magnet photo")
    field(page, image, "alt_text").fill("A blue test card standing in for a magnet photo")
    field(page, image, "caption").fill("Pictured in the lab")

    quote = add_block(page, "Quote")
    field(page, quote, "text").fill("Recycling alone will not meet demand.")
    field(page, quote, "attribution").fill("The clustering session")

    cta = add_block(page, "Call to action")
    field(page, cta, "label").fill("Register for the webinar")
    field(page, cta, "url").fill("https://events.example.eu/webinar")

    page.locator("#id_categories").get_by_label("Research").check()
    page.locator("#id_projects").get_by_label("PASSENGER").check()
    page.locator("#id_projects").get_by_label("GREENE").check()
    tags = page.locator("[name='tags']").locator("xpath=..").locator("input:visible").first
    tags.fill("rare earths")
    tags.press("Enter")


def preview_html(page, *, expect: str) -> str:
    """The preview pane's document once it shows `expect` (Wagtail swaps its iframes)."""
    for _ in range(75):
        for frame in page.frames:
            if "/preview/" not in frame.url:
                continue
            try:
                html = frame.content()
            except Exception:  # the frame was swapped out while reading  # noqa: BLE001, S112
                continue
            if expect in html:
                return html
        page.wait_for_timeout(200)
    raise AssertionError(f"preview never showed {expect!r}")


def feed_entries(base: str, path: str):
    status, body = get(base + path)
    assert status == 200
    parsed = feedparser.parse(body)
    assert not parsed.bozo
    return parsed.entries


def api_news(base: str) -> list[dict]:
    status, body = get(f"{base}/api/v2/pages/?type=news.NewsPage&fields=title&limit=100")
    assert status == 200
    return json.loads(body)["items"]


def test_editor_writes_previews_publishes_edits_and_unpublishes(page, live_server, newsroom):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    page.goto(f"{base}/admin/pages/add/news/newspage/{newsroom['index'].pk}/")
    write_story(page, newsroom)
    screenshot(page, "editor-form")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    page_id = int(page.url.rstrip("/").split("/")[-2])

    # A draft reaches no reader.
    assert "Magnets in the browser" not in [item["title"] for item in api_news(base)]
    assert get(f"{base}/api/v2/pages/{page_id}/")[0] == 404
    for path in ("/feeds/news.rss", "/feeds/projects/passenger.atom", "/feeds/news.json"):
        assert b"Magnets in the browser" not in get(base + path)[1]

    # The preview shows the new text.
    page.get_by_role("button", name="Toggle preview").click()
    preview = preview_html(page, expect="Magnets in the browser")
    assert "<b>bold words</b>" in preview and "Pictured in the lab" in preview

    publish(page)
    status, body = get(f"{base}/api/v2/pages/{page_id}/")
    assert status == 200
    detail = json.loads(body)
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert set(blocks) == {"heading", "paragraph", "image", "quote", "call_to_action"}
    assert "<b>bold words</b>" in blocks["paragraph"] and "<ul>" in blocks["paragraph"]
    assert newsroom["target"].get_full_url() in blocks["paragraph"]
    rendition = blocks["image"]["image"]["renditions"]["body"]["url"]
    assert rendition.startswith(base + "/media/images/")
    assert get(rendition)[0] == 200
    assert [p["acronym"] for p in detail["projects"]] == ["GREENE", "PASSENGER"]
    assert [t["name"] for t in detail["tags"]] == ["rare earths"]

    entry_ids = {}
    for path in (
        "/feeds/news.atom",
        "/feeds/projects/passenger.atom",
        "/feeds/projects/greene.rss",
    ):
        first = feed_entries(base, path)[0]
        assert first.title == "Magnets in the browser"
        assert "bold words" in first.content[0].value and rendition in first.content[0].value
        entry_ids[path] = first.id
    assert len(set(entry_ids.values())) == 1
    status, html = get(detail["meta"]["html_url"])
    assert status == 200 and b"Register for the webinar" in html
    page.goto(detail["meta"]["html_url"])
    screenshot(page, "published-page")

    # An edited title keeps the entry id.
    page.goto(f"{base}/admin/pages/{page_id}/edit/")
    page.fill("#id_title", "Magnets in the browser, revised")
    publish(page)
    first = feed_entries(base, "/feeds/news.atom")[0]
    assert (first.id, first.title) == (
        entry_ids["/feeds/news.atom"],
        "Magnets in the browser, revised",
    )

    # Unpublished: gone from the API and every feed.
    page.goto(f"{base}/admin/pages/{page_id}/unpublish/")
    page.get_by_role("button", name="Yes, unpublish it").click()
    page.wait_for_load_state("networkidle")
    assert get(f"{base}/api/v2/pages/{page_id}/")[0] == 404
    for path in (
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/news.json",
        "/feeds/projects/greene.atom",
    ):
        assert b"Magnets in the browser" not in get(base + path)[1]


def test_validation_errors_are_shown_and_nothing_typed_is_lost(page, live_server, newsroom):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    page.goto(f"{base}/admin/pages/add/news/newspage/{newsroom['index'].pk}/")
    page.fill("#id_title", "Unfinished story")
    quote = add_block(page, "Quote")
    field(page, quote, "text").fill("Words worth keeping")
    image = add_block(page, "Image")
    choose_new_image(page, image, "Needs alt text")
    field(page, image, "caption").fill("A caption typed before the error")
    press_publish(page)

    summary_field = page.locator("[data-contentpath='summary']")
    expect(summary_field).to_contain_text("This field is required")
    assert page.locator(".w-field__errors, .error-message").count() >= 2
    assert page.locator("#id_title").input_value() == "Unfinished story"
    assert field(page, quote, "text").input_value() == "Words worth keeping"
    assert field(page, image, "caption").input_value() == "A caption typed before the error"
    alt_errors = page.locator(f"[id='body-{image}-value-alt_text-errors']")
    assert "This field is required" in alt_errors.inner_text()
    screenshot(page, "validation-errors")


def test_scheduled_story_appears_in_the_feed_once_the_job_runs(page, live_server, newsroom):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    import time_machine

    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    page.goto(f"{base}/admin/pages/add/news/newspage/{newsroom['index'].pk}/")
    page.fill("#id_title", "Embargoed until soon")
    page.fill("#id_summary", "Goes live in a few minutes.")
    # The admin's date-time widget works to the minute.
    go_live = (timezone.localtime() + datetime.timedelta(minutes=3)).replace(
        second=0, microsecond=0
    )
    page.get_by_role("button", name="Toggle status").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    # As the field shows dates: day first, 24-hour clock (WAGTAIL_DATETIME_FORMAT).
    dialog.locator("#id_go_live_at").fill(go_live.strftime("%d/%m/%Y %H:%M"))
    # From the keyboard: the date picker opened by the field may cover the button.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    publish(page)
    page.goto(f"{base}/admin/")  # leave the editor before the clock moves

    assert b"Embargoed until soon" not in get(f"{base}/feeds/news.rss")[1]
    with time_machine.travel(go_live + datetime.timedelta(seconds=1)):
        assert b"Embargoed until soon" not in get(f"{base}/feeds/news.rss")[1]
        call_command("publish_scheduled")
        titles = [entry.title for entry in feed_entries(base, "/feeds/news.rss")]
    assert titles[0] == "Embargoed until soon"
