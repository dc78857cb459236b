"""An editor's half-written story autosaves in Chromium: drafts always save."""

import pytest
from playwright.sync_api import expect

from news.models import NewsPage
from tests.e2e.conftest import screenshot
from tests.e2e.editor import (
    add_block,
    field,
    log_in,
    open_editor,
    stored,
    upload_image_in_chooser,
)
from tests.factories import build_site

# serialized_rollback keeps the root page and locale that migrations create.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),  # one browser for the module
]


@pytest.fixture
def news_index(live_server, django_user_model):
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    django_user_model.objects.create_superuser("editor", "editor@example.org", "editor-pass")
    return index


def is_autosave(response) -> bool:
    return response.request.method == "POST" and "/admin/pages/" in response.url


def autosaved(page, action):
    """Do `action`, then wait for the autosave request it causes; return its JSON answer."""
    with page.expect_response(is_autosave, timeout=60_000) as response:
        action()
    return response.value.json()


def test_a_half_filled_hero_and_call_to_action_autosave(page, live_server, news_index):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    # A title, a hero image without its alt text, a call to action without a target,
    # typed without waiting for autosave: everything is stored, with no button pressed.
    page.fill("#id_title", "Half written")
    page.locator("[data-contentpath='hero_image']").get_by_role(
        "button", name="Choose an image"
    ).click()
    upload_image_in_chooser(page, "Hero without alt")
    cta = add_block(page, "Call to action")
    field(page, cta, "label").fill("Register soon")

    def draft_with_all_of_it():
        story = NewsPage.objects.filter(title="Half written").first()
        draft = story and story.get_latest_revision_as_object()
        labels = draft and [(b.block_type, b.value["label"]) for b in draft.body]
        return labels == [("call_to_action", "Register soon")] and draft.hero_image_id and draft

    draft = stored(page, draft_with_all_of_it)
    assert not NewsPage.objects.get(pk=draft.pk).live
    assert draft.hero_alt_text == ""
    assert "Autosave is paused" not in page.locator("#w-autosave-indicator").inner_text()
    screenshot(page, "editor-half-filled-draft-autosaved")


def while_the_first_autosave_is_on_its_way(page, live_server, index, title: str, meanwhile):
    """Logged in, in a new story's editor: type `title`, hold the autosave it causes on the
    network (the server is not touched), do `meanwhile`, then let the autosave through."""
    log_in(page, live_server.url, "editor", "editor-pass")
    add_url = f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/"
    open_editor(page, add_url)
    held = []
    page.route(add_url, lambda route: held.append(route))
    with page.expect_request(lambda request: request.method == "POST"):
        page.fill("#id_title", title)
    meanwhile()
    held[0].continue_()
    page.unroute(add_url)


def test_what_is_typed_while_an_autosave_is_on_its_way_is_saved_too(page, live_server, news_index):
    # Typed after the autosave read the form and before its answer, which Wagtail takes
    # as saving the whole form.
    while_the_first_autosave_is_on_its_way(
        page,
        live_server,
        news_index,
        "Typed in flight",
        lambda: page.fill("#id_summary", "Written while the first autosave was on its way."),
    )

    def draft_with_the_summary():
        story = NewsPage.objects.filter(title="Typed in flight").first()
        draft = story and story.get_latest_revision_as_object()
        return draft and draft.summary.startswith("Written while") and draft

    assert stored(page, draft_with_the_summary)
    assert NewsPage.objects.filter(title="Typed in flight").count() == 1


def test_starting_again_after_an_abandoned_draft_autosaves_and_the_dashboard_shows_both(
    page, live_server, news_index
):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    # The first attempt is left after autosave kept it.
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    typed = lambda: page.locator("#id_title").press_sequentially("Magnet recycling pilot")  # noqa: E731
    answer = autosaved(page, typed)
    assert answer["success"], answer
    page.goto(f"{base}/admin/")
    # The second, with the same title, saves without a slug error.
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    page.fill("#id_title", "Magnet recycling pilot")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    page.goto(f"{base}/admin/")

    assert sorted(NewsPage.objects.values_list("slug", flat=True)) == [
        "magnet-recycling-pilot",
        "magnet-recycling-pilot-2",
    ]
    drafts = page.locator("#newsroom-your-drafts-section")
    assert drafts.get_by_role("link", name="Magnet recycling pilot").count() == 2
    assert page.get_by_role("link", name="Write an update").is_visible()
    screenshot(page, "dashboard")


def test_save_draft_while_the_first_autosave_is_on_its_way_makes_one_page(
    page, live_server, news_index
):
    # The first autosave reaches the server only after the editor has pressed Save draft.
    while_the_first_autosave_is_on_its_way(
        page,
        live_server,
        news_index,
        "One page only",
        lambda: page.get_by_role("button", name="Save draft").click(),
    )
    page.locator("li.success", has_text="One page only").wait_for()

    stories = NewsPage.objects.filter(title="One page only")
    assert stories.count() == 1
    assert page.url.endswith(f"/admin/pages/{stories.get().pk}/edit/")


def test_the_block_chooser_previews_a_block_with_its_description(page, live_server, news_index):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    page.locator("button.c-sf-add-button").last.click()
    row = page.locator(".w-combobox__option-row", has=page.get_by_role("option", name="Quote"))
    row.get_by_role("button", name="Preview").click()
    preview = page.frame_locator("iframe[src*='block-preview']")
    preview.locator("blockquote").wait_for()
    assert "No single project can close the gap" in preview.locator("blockquote").inner_text()
    assert page.get_by_text("A quotation and who said it.").is_visible()
    screenshot(page, "block-chooser-preview")


def test_the_summary_counts_its_characters_as_the_editor_types(page, live_server, news_index):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    counter = page.locator("[data-contentpath='summary'] .character-count")
    assert counter.inner_text() == "0 of 300 characters"
    page.locator("#id_summary").press_sequentially("Nd2Fe14B magnets")
    assert counter.inner_text() == "16 of 300 characters"


def test_a_summary_pasted_over_the_limit_is_kept_and_flagged_and_a_long_title_stays_in_view(
    page, live_server, news_index
):
    base = live_server.url
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    log_in(page, base, "editor", "editor-pass")
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    assert page.locator("h1").first.inner_text().strip().startswith("New: Update")
    assert page.locator("[name='show_in_menus']").count() == 0

    headline = ("A long headline about the clustering session of four projects on rare-earth "
                "magnet recycling, held in Brussels in March")  # fmt: skip
    page.locator("#id_title").fill(headline)
    title = page.locator("textarea#id_title")
    assert title.evaluate("t => t.scrollHeight <= t.clientHeight + 2")  # every word in view

    pasted = "Recycled magnets. " * 18  # 324 characters
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    page.locator("#id_summary").click()
    page.keyboard.press("Control+V")
    counter = page.locator("[data-contentpath='summary'] .character-count")
    assert page.locator("#id_summary").input_value() == pasted  # nothing cut
    assert counter.inner_text() == "324 of 300 characters: 24 too many, shorten it"
    page.get_by_role("button", name="Save draft").click()
    # The form counts the text as it stores it, its trailing space trimmed.
    page.get_by_text("Ensure this value has at most 300 characters (it has 323).").wait_for()
    assert not NewsPage.objects.filter(title=headline).exists()


def test_a_schedule_typed_but_not_saved_is_never_kept_and_escape_asks_first(
    page, live_server, news_index
):
    base = live_server.url
    log_in(page, base, "editor", "editor-pass")
    open_editor(page, f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    page.fill("#id_title", "Not scheduled after all")
    page.fill("#id_summary", "The editor changed their mind.")
    page.get_by_role("button", name="Toggle status").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    go_live = dialog.locator("#id_go_live_at")
    go_live.fill("24/12/2030 09:00")
    asked = []

    def answer(accept: bool):
        def handler(prompt):
            asked.append(prompt.message)
            prompt.accept() if accept else prompt.dismiss()

        page.once("dialog", handler)

    answer(accept=False)
    go_live.press("Escape")
    assert asked and "not been saved" in asked[0]
    expect(dialog).not_to_have_attribute("aria-hidden", "true")  # still open, date kept
    expect(go_live).to_have_value("24/12/2030 09:00")

    answer(accept=True)
    go_live.press("Escape")
    expect(dialog).to_have_attribute("aria-hidden", "true")
    expect(go_live).to_have_value("")  # put back as it was saved: empty
    page.get_by_role("button", name="Save draft").click()
    page.locator("li.success").wait_for()
    story = NewsPage.objects.get(title="Not scheduled after all")
    assert story.go_live_at is None
    assert story.get_latest_revision_as_object().go_live_at is None
