"""The reference pages pass axe-core (the maintained WCAG rule set) at desktop and phone
widths with no serious or critical violation; screenshots of each are kept."""

from django.core.management import call_command

from wagtail.models import Site

import pytest
from axe_playwright_python.sync_playwright import Axe

from events.models import EventPage
from news.models import NewsPage
from tests.e2e.conftest import screenshot
from tests.factories import ensure_wagtail_roots

# Fifteen pages at two widths through axe-core: a long scan, run by the slow tier.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.indexes,  # the search page shows what the demo's index finds
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

WIDTHS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def demo_site(live_server):
    ensure_wagtail_roots()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Site.objects.filter(is_default_site=True).update(
        hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1])
    )
    story = NewsPage.objects.live().order_by("-date").first()
    event = EventPage.objects.live().order_by("starts_at").first()
    return {
        "home": "/",
        "updates": "/updates/",
        "updates-page-2": "/updates/?page=2",
        "updates-filtered": "/updates/?project=passenger",
        "updates-empty": "/updates/?tag=no-such-tag",
        "story": story.url,
        "events": "/events/",
        "event": event.url,
        "network": "/network/",
        "newsletter": "/newsletter/",
        "feeds": "/feeds/",
        "updates-search": "/updates/?search=recycling",
        "search": "/search/?search=recycling",
        "accessibility-statement": "/accessibility/",
        "api-docs": "/api/docs/",
        "not-found": "/no-such-page/",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_reference_pages_have_no_serious_accessibility_violation(
    browser, live_server, demo_site, requests_in_flight, width
):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    axe = Axe()
    problems = {}
    try:
        for name, path in demo_site.items():
            page.goto(live_server.url + path)
            results = axe.run(page).response
            assert results["testEngine"]["name"] == "axe-core" and results["url"].endswith(path)
            blocking = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in results["violations"]
                if v["impact"] in BLOCKING
            ]
            if blocking:
                problems[path] = blocking
            screenshot(page, f"{name}-{width}")
    finally:
        context.close()
        requests_in_flight.wait_until_idle()
    assert problems == {}
