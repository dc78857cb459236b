"""Providers' players (YouTube, Vimeo and the other oEmbed providers Wagtail knows) behind
a click-to-load facade.

The provider's answer is fetched when a story is published (`news.tasks.fetch_embeds`)
and kept in Wagtail's embed cache; pages only read that cache, so no GET writes and no
page waits for a provider. Of the provider's HTML only the player's frame address is
kept: the page shows a button, and the frame (from exactly that origin, which the
page's Content-Security-Policy then allows) loads only when the reader asks, at 16:9.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed


@dataclass(frozen=True)
class Player:
    src: str
    origin: str
    title: str
    provider: str


class _FirstFrame(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src = ""

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and not self.src:
            self.src = dict(attrs).get("src") or ""


def frame_address(html: str) -> str:
    """The https address of the first frame in a provider's HTML, or ''."""
    parser = _FirstFrame()
    parser.feed(html or "")
    src = parser.src
    parts = urlsplit(src)
    return src if parts.scheme == "https" and parts.netloc else ""


def cached_embeds(urls: Iterable[str]) -> dict[str, Embed]:
    """{url: Wagtail's cached embed} for those of `urls` the worker has fetched and whose
    cache has not run out: one query for a whole batch, and never a fetch (reads do not
    ask providers)."""
    by_hash = {get_embed_hash(url): url for url in urls if url}
    if not by_hash:
        return {}
    fresh = Embed.objects.filter(hash__in=by_hash).exclude(cache_until__lte=timezone.now())
    return {by_hash[embed.hash]: embed for embed in fresh}


def cached_player(url: str) -> Player | None:
    """The player for `url` from the embed cache, or None (not fetched yet, offline, or a
    provider whose answer has no frame): the page then shows a plain link."""
    embed = cached_embeds([url]).get(url)
    src = frame_address(embed.html) if embed else ""
    if not src:
        return None
    parts = urlsplit(src)
    origin = f"{parts.scheme}://{parts.netloc}"
    return Player(src, origin, embed.title, embed.provider_name or parts.netloc)
