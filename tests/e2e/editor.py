"""What an editor does in the Wagtail 8 page editor, as small named steps."""

import io
import re
import time

from PIL import Image as PILImage
from playwright.sync_api import expect


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


COUNT_UNSAVED_EVENTS = """window.unsavedConnects = 0; window.unsavedSnapshots = 0;
document.addEventListener('w-unsaved:ready',
    () => { window.unsavedConnects += 1; }, {capture: true});
document.addEventListener('w-unsaved:watch-edits',
    () => { window.unsavedSnapshots += 1; }, {capture: true});"""


def open_editor(page, url: str) -> None:
    """Open a page editor and wait until it watches for edits: what is typed before that
    counts as the starting point and is never autosaved.

    Wagtail's unsaved-changes controller snapshots the form two seconds after it connects,
    and it connects twice: the editor form's `w-init` controller removes itself from
    `data-controller`, which makes Stimulus reconnect the controllers listed after it. Each
    connection schedules its own snapshot, so the editor is ready only once there have been
    as many snapshots as connections; an edit between the two would become the baseline."""
    page.add_init_script(COUNT_UNSAVED_EVENTS)
    page.goto(url)
    page.wait_for_function(
        "() => window.unsavedConnects > 0 && window.unsavedSnapshots >= window.unsavedConnects"
    )


def stored(page, read, timeout_s: float = 30):
    """What the server stored, polled until `read()` returns it (truthy): autosave runs on
    its own schedule, so a test waits for its result rather than for one request."""
    deadline = time.monotonic() + timeout_s
    while not (value := read()):
        if time.monotonic() > deadline:
            raise AssertionError("the server never stored it")
        page.wait_for_timeout(200)  # lets the browser run while the test waits
    return value


PUBLISHED = re.compile(r"published\.|scheduled for publishing\.")


def press_publish(page) -> None:
    """The footer's action menu, then Publish (which schedules if a go-live time is set).
    Wait for what the server answers, not for a page load: a click while an autosave is
    on its way posts only once that autosave has answered."""
    page.locator("footer.footer [data-w-dropdown-target='toggle']").click()
    page.locator("footer.footer button[name='action-publish']").click()


def publish(page) -> None:
    """Press Publish and return when Wagtail confirms it."""
    press_publish(page)
    page.locator("li.success", has_text=PUBLISHED).wait_for()


def add_block(page, label: str) -> int:
    """Append a block of the given type to the body; return its index."""
    count = page.locator("[name='body-count']").input_value()
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    index = int(count)
    page.wait_for_selector(f"[name='body-{index}-type']", state="attached")
    return index


def field(page, index: int, name: str):
    return page.locator(f"[name='body-{index}-value-{name}']")


def rich_text_editor(page, index: int):
    container = page.locator(f"[name='body-{index}-value']").locator("xpath=..")
    return container.locator(".public-DraftEditor-content")


def png_bytes(size=(900, 600), colour=(30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def choose_new_image(page, index: int, title: str) -> None:
    """In image block `index`: open the chooser, upload a generated picture, choose it."""
    page.locator(f"[name='body-{index}-value-image']").locator("xpath=..").get_by_role(
        "button", name="Choose an image"
    ).click()
    upload_image_in_chooser(page, title)


def upload_image_in_chooser(page, title: str) -> None:
    """In an open image chooser modal: upload a generated picture and choose it."""
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(
        {"name": "editor-upload.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    # Wagtail fills the title from the file name once it has read the file: wait for that,
    # or it may overwrite what is typed.
    title_field = modal.locator("input[name='image-chooser-upload-title']")
    expect(title_field).to_have_value("editor-upload")
    title_field.fill(title)
    modal.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_selector(".modal-dialog", state="detached")
