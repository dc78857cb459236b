"""A reader searches from the header box on any page and lands on Updates with the
matching stories, the words kept in the box and other forms of a word found."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import build_site, make_news

pytestmark = [
    pytest.mark.browser,
    pytest.mark.indexes,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def test_the_header_search_box_finds_other_forms_of_the_words(page, live_server):
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    make_news(index, title="Magnet recycling plant opens", summary="A pilot line in Pforzheim.")
    make_news(index, title="Policy brief", summary="Critical raw materials.")
    page.goto(f"{live_server.url}/")
    box = page.get_by_role("search").get_by_label("Search updates")
    box.fill("recycled magnets")
    box.press("Enter")
    page.wait_for_url(f"{live_server.url}{index.url}?search=recycled+magnets")
    expect(page.get_by_role("link", name="Magnet recycling plant opens")).to_be_visible()
    expect(page.get_by_text("Policy brief")).to_have_count(0)
    expect(page.get_by_label("Words")).to_have_value("recycled magnets")
    expect(page.locator(".active-filters")).to_contain_text("matching “recycled magnets”")
    screenshot(page, "search-from-the-header")
