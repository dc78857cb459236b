"""The story page's lead image: responsive sizes, modern formats the worker made after
publishing, and fetched first."""

import re

from news.renditions import MODERN_FORMATS
from news.tasks import make_modern_renditions
from tests.factories import make_image, make_news


def sources(html: str) -> dict[str, list[str]]:
    return {
        kind: [candidate.split()[1] for candidate in srcset.split(", ")]
        for kind, srcset in re.findall(r'<source type="([^"]+)" srcset="([^"]+)"', html)
    }


def test_the_hero_has_a_srcset_and_is_fetched_first(client, news_index):
    story = make_news(
        news_index, hero_image=make_image(size=(2000, 1200)), hero_alt_text="A furnace"
    )
    html = client.get(story.url).content.decode()
    img = re.search(r'<img src="[^"]+fill-1600x900[^"]*"[^>]*>', html).group(0)
    assert re.search(r'srcset="\S+fill-480x270\.\S+ 480w, \S+fill-1600x900\.\S+ 1600w"', img)
    assert 'fetchpriority="high"' in img and 'sizes="(min-width: 60rem) 58rem' in img
    assert sources(html) == {}, "no modern formats until the worker has made them"


def test_modern_formats_appear_once_the_worker_made_them(
    client, news_index, django_capture_on_commit_callbacks
):
    assert [mime for _, mime in MODERN_FORMATS] == ["image/avif", "image/webp"]
    image = make_image(size=(2000, 1200))
    with django_capture_on_commit_callbacks(execute=True):  # publishing enqueues the job
        story = make_news(news_index, hero_image=image, hero_alt_text="A furnace")
    html = client.get(story.url).content.decode()
    assert sources(html) == {"image/avif": ["800w", "1600w"], "image/webp": ["800w", "1600w"]}
    avif = re.search(r'<source type="image/avif" srcset="http://localhost(\S+) 800w', html)
    response = client.get(avif.group(1))
    assert response.status_code == 200
    assert b"ftypavif" in b"".join(response.streaming_content)[:32]
    assert make_modern_renditions.call(image.pk) == 4  # already made: nothing new
