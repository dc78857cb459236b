"""A reader searches from the header box on any page and lands on the search page: stories,
events and partner news in one ranked list, other forms of a word found and marked, the
words kept in the box."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import build_site, make_event, make_events_index, make_news

pytestmark = [
    pytest.mark.browser,
    pytest.mark.indexes,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def test_the_header_search_box_finds_other_forms_of_the_words(page, live_server):
    home, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    make_news(index, title="Magnet recycling plant opens", summary="A pilot line in Pforzheim.")
    make_news(index, title="Policy brief", summary="Critical raw materials.")
    make_event(make_events_index(home), title="Workshop: recycling magnets",
               summary="A day at the pilot line.")  # fmt: skip
    page.goto(f"{live_server.url}{index.url}")
    box = page.get_by_role("search").get_by_label("Search the site")
    box.fill("recycled magnets")
    box.press("Enter")
    page.wait_for_url(f"{live_server.url}/search/?search=recycled+magnets")
    results = page.locator(".result")
    expect(results).to_have_count(2)
    expect(results.get_by_role("link", name="Magnet recycling plant opens")).to_be_visible()
    expect(results.get_by_role("link", name="Workshop: recycling magnets")).to_be_visible()
    marked = {text.lower() for text in results.locator("mark").all_inner_texts()}
    assert marked == {"magnet", "magnets", "recycling"}
    expect(page.get_by_text("Policy brief")).to_have_count(0)
    expect(page.get_by_label("Words")).to_have_value("recycled magnets")
    expect(page.get_by_role("status")).to_contain_text("2 results for “recycled magnets”")
    screenshot(page, "search-results")
