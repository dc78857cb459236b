"""A reader on a phone: at 320 and 390 px wide no page scrolls sideways, the menu and the
search box fit, and every filter's label stays beside its field. Screenshots are kept."""

import datetime

import pytest

from network.models import FeedSource
from tests.e2e.conftest import screenshot
from tests.factories import (
    build_site,
    make_category,
    make_event,
    make_events_index,
    make_image,
    make_network_item,
    make_news,
    make_project,
)

# Eighteen page loads at three widths: the slow tier runs it (CI, on every submission).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.engine_independent,
    pytest.mark.browser,
    pytest.mark.indexes,  # the search page reads the search index
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"
# Pixels between the header's bottom edge and the main content's top (its padding).
CONTENT_GAP = "() => parseFloat(getComputedStyle(document.querySelector('main')).paddingTop)"
# Each filter label's middle lies within its field's height: beside it, not above.
LABELS_BESIDE_FIELDS = """() => [...document.querySelectorAll('.filters .field')].map(field => {
    const label = field.querySelector('label').getBoundingClientRect();
    const control = field.querySelector('select, input').getBoundingClientRect();
    const middle = label.top + label.height / 2;
    return middle >= control.top && middle <= control.bottom;
})"""


def test_no_page_scrolls_sideways_on_a_phone_and_labels_stay_beside_their_fields(page, live_server):
    home, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    passenger = make_project("PASSENGER", name="Pilot action on sustainable magnets")
    make_category("Research")
    story = make_news(
        index, title="A long headline about recycling rare-earth permanent magnets at scale",
        hero_image=make_image("Hero", size=(1600, 900)), hero_alt_text="A pilot line",
        projects=[passenger],
    )  # fmt: skip
    event = make_event(make_events_index(home), title="Clustering session on recycling",
                       projects=[passenger])  # fmt: skip
    source = FeedSource.objects.create(
        project=passenger, url="https://passenger.example.org/feed.atom", title="PASSENGER"
    )
    make_network_item(source, "Partner recycling news with an unbreakablewordthatgoesonandonandon",
                      datetime.datetime.now(datetime.UTC))  # fmt: skip
    paths = {
        "home": "/", "updates": index.url, "story": story.url, "event": event.url,
        "river": "/network/", "updates-search": f"{index.url}?search=recycling",
        "search": "/search/?search=recycling",
    }  # fmt: skip
    for width in (320, 390, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in paths.items():
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate(OVERFLOW) <= 0, (width, name)
            assert all(page.evaluate(LABELS_BESIDE_FIELDS)), (width, name)
            assert page.evaluate(CONTENT_GAP) >= 24, (width, name)  # not touching the header
            screenshot(page, f"phone-{width}-{name}")
    page.goto(f"{live_server.url}/search/?search=recycling")
    assert page.locator(".result").count() == 3  # a story, an event, partner news
