"""In Chromium: a story's video loads nothing from its provider until the reader clicks,
then the player's frame appears at 16:9 and the page's CSP lets it load."""

import pytest

from tests.e2e.conftest import screenshot
from tests.factories import build_site, make_news
from tests.news.test_embeds import BODY, PLAYER, cache_provider_answer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]


def test_the_player_loads_only_after_the_click(page, live_server):
    _, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    cache_provider_answer()
    story = make_news(index, title="A tour of the pilot line", body=BODY)
    provider_requests, csp_violations = [], []
    page.on("request", lambda r: "youtube" in r.url and provider_requests.append(r.url))
    page.on(
        "console", lambda m: "Content Security Policy" in m.text and csp_violations.append(m.text)
    )

    page.goto(live_server.url + story.url)
    button = page.get_by_role("button", name="Play “Pilot line tour”")
    assert button.is_visible()
    assert page.locator("iframe").count() == 0 and provider_requests == []
    screenshot(page, "embed-before-click")

    box = page.locator("[data-embed-player]").bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02
    with page.expect_request(lambda r: "youtube" in r.url):  # the frame is asked for
        button.click()
    frame = page.locator("[data-embed-player] iframe")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith(PLAYER)
    assert frame.get_attribute("title") == "Pilot line tour"
    assert csp_violations == []
