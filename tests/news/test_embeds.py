"""Embedded media: a click-to-load player from Wagtail's embed cache, allowed by the CSP
for exactly its provider; a plain link while the cache holds no answer."""

import json

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import feedparser

from news.tasks import fetch_embeds
from tests.factories import make_news
from tests.servers import RecordingServer, Reply

VIDEO = "https://www.youtube.com/watch?v=magnets01"
PLAYER = "https://www.youtube-nocookie.com/embed/magnets01?feature=oembed"
THUMBNAIL = "https://i.ytimg.com/vi/magnets01/hqdefault.jpg"
BODY = [{"type": "embed", "value": {"url": VIDEO, "title": "Pilot line tour"}}]


def cache_provider_answer(url: str = VIDEO, html: str | None = None) -> Embed:
    """What Wagtail's oEmbed finder stores after asking YouTube."""
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=html
        if html is not None
        else f'<iframe width="200" height="113" src="{PLAYER}" frameborder="0" allowfullscreen '
        'title="Pilot line tour"></iframe><script src="https://evil.example/x.js"></script>',
        title="Pilot line tour",
        provider_name="YouTube",
        width=200,
        height=113,
    )


def frame_sources(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("frame-src"))


def test_a_cached_player_is_a_button_until_clicked_and_the_csp_allows_its_frame(client, news_index):
    cache_provider_answer()
    story = make_news(news_index, body=BODY)
    response = client.get(story.url)
    html = response.content.decode()
    assert f'data-embed-src="{PLAYER}"' in html.replace("&amp;", "&")
    assert "<iframe" not in html and "evil.example" not in html  # nothing from the provider
    assert "Play “Pilot line tour”" in html and f'href="{VIDEO}"' in html
    assert frame_sources(response).split() == [
        "frame-src",
        "'self'",
        "https://www.youtube-nocookie.com",
    ]


def test_without_a_cached_answer_the_page_links_to_the_media_and_allows_no_frame(
    client, news_index
):
    story = make_news(news_index, body=BODY)
    response = client.get(story.url)
    html = response.content.decode()
    assert '<a href="https://www.youtube.com/watch?v=magnets01">Pilot line tour</a>' in html
    assert "data-embed-src" not in html
    assert frame_sources(response).split() == ["frame-src", "'self'"]
    assert not Embed.objects.exists(), "reading a page asked no provider and wrote nothing"


def test_a_provider_answer_without_a_https_frame_stays_a_link(client, news_index):
    cache_provider_answer(html='<iframe src="http://plain.example/player"></iframe>')
    story = make_news(news_index, body=BODY)
    response = client.get(story.url)
    assert "data-embed-src" not in response.content.decode()
    assert "plain.example" not in frame_sources(response)


def test_the_worker_asks_the_provider_and_a_failing_provider_leaves_the_link(
    client, news_index, settings
):
    answer = {
        "type": "video",
        "version": "1.0",
        "title": "Pilot line tour",
        "provider_name": "YouTube",
        "width": 200,
        "height": 113,
        "html": f'<iframe width="200" height="113" src="{PLAYER}"></iframe>',
        "thumbnail_url": THUMBNAIL,
    }
    with RecordingServer([Reply(404), Reply(200, json.dumps(answer).encode())]) as provider:
        settings.WAGTAILEMBEDS_FINDERS = [
            {
                "class": "wagtail.embeds.finders.oembed",
                "providers": [
                    {
                        "endpoint": f"{provider.url}/oembed",
                        "urls": [r"^https://www\.youtube\.com/.+$"],
                    }
                ],
            }
        ]
        story = make_news(news_index, body=BODY)
        assert fetch_embeds.call(story.pk) == {"fetched": 0, "failed": 1}
        assert "data-embed-src" not in client.get(story.url).content.decode()
        assert api_embed(client, story) == {
            "url": VIDEO, "title": "Pilot line tour", "provider": "", "thumbnail_url": None,
        }  # fmt: skip
        assert fetch_embeds.call(story.pk) == {"fetched": 1, "failed": 0}
        assert [r.path.split("?")[0] for r in provider.received] == ["/oembed", "/oembed"]
    assert "data-embed-src" in client.get(story.url).content.decode()
    # The API's and the feeds' (cached) answers follow: the provider's name and its still
    # image; feeds carry a link naming the provider.
    entry = feedparser.parse(client.get("/feeds/news.rss").content).entries[0]
    assert "Pilot line tour</a> on YouTube" in entry.content[0].value
    assert api_embed(client, story) == {
        "url": VIDEO, "title": "Pilot line tour", "provider": "YouTube", "thumbnail_url": THUMBNAIL,
    }  # fmt: skip


def api_embed(client, story) -> dict:
    return client.get(f"/api/v2/pages/{story.pk}/").json()["body"][0]["value"]
