"""One base URL rule: every absolute address of ours in every output starts with the
site's configured root (Settings → Sites), whatever host the request came in on; no
answer mixes the request's host with the configured one."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command

import pytest

from tests.factories import (
    build_site,
    make_category,
    make_event,
    make_events_index,
    make_image,
    make_news,
    make_project,
)

ROOT = "https://news.example.eu"
REQUEST_HOST = "internal-backend:8000"  # what a proxy might pass on
URLS = re.compile(r"""(?:https?|webcal)://[^\s"'<>)\]]+""")
OUTPUTS = [
    "/",
    "/updates/",
    "/updates/?page=1&project=passenger",
    "STORY",
    "/events/",
    "/events/calendar.ics",
    "/feeds/news.rss",
    "/feeds/news.atom",
    "/feeds/news.json",
    "/feeds/projects/passenger.atom",
    "/feeds/events.rss",
    "/feeds/opml.xml",
    "/feeds/",
    "/sitemap.xml",
    "/network/",
    "/api/v2/pages/?type=news.NewsPage&fields=*",
    "API_DETAIL",
    "/api/v2/images/",
    "/api/v2/projects/?fields=*",
    "/api/v2/network/",
    "/widgets/",
]


@pytest.fixture
def configured_site(db):
    home, index = build_site(hostname="news.example.eu", port=443)
    project = make_project("PASSENGER")
    story = make_news(
        index,
        title="Base URL story",
        projects=[project],
        categories=[make_category("Policy")],
        hero_image=make_image(),
        hero_alt_text="A magnet",
        body=[{"type": "paragraph", "value": f'<p><a linktype="page" id="{index.pk}">All</a></p>'}],
    )
    make_event(make_events_index(home), title="Base URL event")
    return story


def our_urls(body: str) -> list[str]:
    """Absolute addresses in `body` on a host of ours (the configured one or the request's)."""
    ours = {"news.example.eu", "news.example.eu:443", REQUEST_HOST}
    return [u for u in URLS.findall(body) if urlsplit(u).netloc in ours]


def test_every_output_uses_the_configured_root_whatever_the_request_host(client, configured_site):
    story = configured_site
    checked = 0
    for path in OUTPUTS:
        path = {
            "STORY": story.url,
            "API_DETAIL": f"/api/v2/pages/{story.pk}/",
        }.get(path, path)
        response = client.get(path, HTTP_HOST=REQUEST_HOST, secure=False)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        assert REQUEST_HOST not in text, path
        urls = our_urls(text)
        assert all(
            u.startswith((ROOT + "/", "webcal://news.example.eu/")) or u == ROOT for u in urls
        ), (path, [u for u in urls if not u.startswith(ROOT)])
        checked += len(urls)
    assert checked > 100


def test_mails_use_the_configured_root(client, configured_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v2/newsletter/subscriptions/",
            {"email": "reader@example.org"},
            content_type="application/json",
            HTTP_HOST=REQUEST_HOST,
        )
    assert response.status_code == 202
    call_command("send_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox
    for message in mail.outbox:
        texts = [message.body, *(content for content, _ in getattr(message, "alternatives", []))]
        for text in texts:
            assert REQUEST_HOST not in text
            assert any(u.startswith(ROOT + "/") for u in our_urls(text))
