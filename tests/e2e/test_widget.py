"""A partner's page on another origin embeds <network-news> in Chromium."""

import datetime

import pytest

from tests.deploy.live import free_port
from tests.e2e.conftest import screenshot
from tests.factories import build_site, make_event, make_events_index, make_news, make_project
from tests.servers import RecordingServer, Reply

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("browser"),
]

PARTNER_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Partner</title>
<style>network-news {{ --network-news-accent: rgb(200, 0, 0); }}</style></head><body>
<a id="before" href="#before">Before</a>
<network-news project="passenger" limit="2" events="1" api="{hub}"></network-news>
<script src="{hub}/widgets/news.js"></script>
<a id="after" href="#after">After</a>
</body></html>"""

FOCUSED = """() => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a.id || a.getAttribute("href"); }"""


@pytest.fixture
def hub(live_server):
    home, index = build_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    passenger = make_project("PASSENGER")
    today = datetime.date.today()
    stories = [
        make_news(index, title=title, projects=[passenger], date=today - datetime.timedelta(days=n))
        for n, title in enumerate(["Newest PASSENGER story", "Second PASSENGER story",
                                   "Oldest PASSENGER story"])
    ]  # fmt: skip
    make_news(index, title="A story of another project")
    event = make_event(make_events_index(home), title="PASSENGER webinar", projects=[passenger])
    return {"url": live_server.url, "stories": stories, "event": event}


@pytest.fixture
def partner(hub):
    with RecordingServer() as server:
        server.routes["/news.html"] = Reply(
            body=PARTNER_PAGE.format(hub=hub["url"]).encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        closed = f"http://127.0.0.1:{free_port()}"
        server.routes["/offline.html"] = Reply(
            body=PARTNER_PAGE.format(hub=hub["url"]).replace(
                f'api="{hub["url"]}"', f'api="{closed}"').encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )  # fmt: skip
        yield server


def test_the_widget_shows_the_projects_news_without_cookies_and_by_keyboard(page, hub, partner):
    hub_host = hub["url"].split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "sessionid", "value": "secret", "domain": hub_host,
                               "path": "/"}])  # fmt: skip
    api_requests = []
    page.on("request", lambda r: "/api/v2/pages/" in r.url and api_requests.append(r))
    page.goto(partner.url + "/news.html")
    widget = page.locator("network-news")
    links = widget.locator("a[part=link]")
    links.first.wait_for()
    titles = links.all_inner_texts()
    assert titles == ["Newest PASSENGER story", "Second PASSENGER story", "PASSENGER webinar",
                      "All news"]  # fmt: skip
    assert links.nth(0).get_attribute("href") == hub["stories"][0].get_full_url()
    date = widget.locator("time[part=date]").first.inner_text()
    assert any(month in date for month in ("Januar", "Februar", "März", "April", "Mai", "Juni",
                                           "Juli", "August", "September", "Oktober", "November",
                                           "Dezember")), date  # fmt: skip

    assert len(api_requests) == 2
    for request in api_requests:
        headers = request.all_headers()
        assert "cookie" not in headers
        assert headers["origin"] == partner.url
        response = request.response()
        assert response.headers["access-control-allow-origin"] == partner.url
        assert "access-control-allow-credentials" not in response.headers

    color = links.nth(0).evaluate("a => getComputedStyle(a).color")
    assert color == "rgb(200, 0, 0)"  # styled from the partner's page

    page.focus("#before")
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    hrefs = [links.nth(n).get_attribute("href") for n in range(4)]
    assert reached[:5] == [*hrefs, "after"]
    screenshot(page, "widget-on-a-partner-page")


def test_an_unreachable_api_leaves_a_quiet_link(page, hub, partner):
    page.goto(partner.url + "/offline.html")
    fallback = page.locator("network-news [part=fallback] a")
    fallback.wait_for()
    assert fallback.inner_text() == "News from the network"
    assert fallback.get_attribute("href").endswith("/network/?project=passenger")


def test_the_configurator_builds_the_snippet_and_previews_it(page, hub):
    page.goto(hub["url"] + "/widgets/")
    preview = page.locator("#widget-preview a[part=link]")
    preview.first.wait_for()
    assert "A story of another project" in preview.all_inner_texts()
    page.select_option("#widget-scope", "project:passenger")
    page.select_option("#widget-limit", "3")
    snippet = page.input_value("#widget-snippet")
    assert f'<script src="{hub["url"]}/widgets/news.js" defer></script>' in snippet
    assert '<network-news project="passenger" limit="3"></network-news>' in snippet
    page.wait_for_function(
        "() => [...document.querySelector('#widget-preview').shadowRoot"
        ".querySelectorAll('a[part=link]')].every(a => !a.textContent.includes('another'))"
    )
    assert preview.all_inner_texts()[:3] == ["Newest PASSENGER story", "Second PASSENGER story",
                                            "Oldest PASSENGER story"]  # fmt: skip
    page.check("#widget-river")
    snippet = page.input_value("#widget-snippet")
    assert '<network-news project="passenger" limit="3" river></network-news>' in snippet
    screenshot(page, "widget-configurator")


RIVER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
</head><body><network-news river limit="5" api="{hub}"></network-news>
<script src="{hub}/widgets/news.js"></script></body></html>"""


def test_the_river_widget_shows_partner_text_as_text_and_links_only_to_the_web(page, hub):
    """Partner text holding markup arrives as visible text, never as an element, and an
    address stored around the editor's checks never becomes a link."""
    from django.utils import timezone

    from network.models import FeedSource
    from news.snippets import PartnerProject
    from tests.factories import make_network_item

    passenger = PartnerProject.objects.get(slug="passenger")
    PartnerProject.objects.filter(pk=passenger.pk).update(website="javascript:alert(1)")
    source = FeedSource.objects.create(project=passenger, url="https://passenger.example.org/f",
                                       title="PASSENGER news")  # fmt: skip
    hostile = '<img src=x onerror="window.pwned=1"> and <b>tags</b>'
    make_network_item(source, "Partner <i>text</i>", timezone.now(), summary=hostile)
    make_network_item(source, "Never linked", timezone.now(), link="javascript:alert(2)")
    with RecordingServer() as partner:
        partner.routes["/river.html"] = Reply(
            body=RIVER_PAGE.format(hub=hub["url"]).encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        page.goto(partner.url + "/river.html")
        widget = page.locator("network-news")
        links = widget.locator("a[part=link]")
        links.first.wait_for()
        titles = links.all_inner_texts()
        assert titles[0] == "Partner <i>text</i>" and "Never linked" not in titles
        assert hub["stories"][0].title in titles
        assert widget.locator("[part=summary]").first.inner_text() == hostile
        assert widget.locator("[part=source]").first.inner_text() == "from PASSENGER news"
        assert widget.locator("img[src=x], i, b").count() == 0
        assert page.evaluate("() => window.pwned") is None
        hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
        screenshot(page, "widget-river-on-a-partner-page")
