"""The API docs page in Chromium: every read's button shows this site's real answer to
its example request (an id taken from the listing where the example needs one)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import (
    build_site,
    make_category,
    make_document,
    make_image,
    make_news,
    make_project,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def test_each_example_shows_this_sites_answer(page, live_server):
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    passenger = make_project("PASSENGER")
    make_news(index, title="Example story", projects=[passenger],
              categories=[make_category("Events")])  # fmt: skip
    make_image("Example image"), make_document("Example report")
    page.goto(f"{live_server.url}/api/docs/")
    boxes = page.locator(".api-answer")
    assert boxes.count() >= 14
    for n in range(boxes.count()):
        box = boxes.nth(n)
        example = box.get_attribute("data-example")
        box.get_by_role("button", name="Show this site’s answer").click()
        answer = box.locator("pre")
        expect(answer).not_to_contain_text("Asking…")
        expect(answer).to_contain_text("200 OK")
        text = answer.inner_text()
        assert text.startswith("GET /api/v2/") and "{id}" not in text, (example, text[:200])
        if "/pages/{id}/" in example:
            assert '"title": "Example story"' in text
    box = page.locator('.api-answer[data-example^="/api/v2/network/"]')
    box.scroll_into_view_if_needed()
    screenshot(page, "api-docs-answers")
