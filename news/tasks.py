"""Jobs of the news floor, run by the worker."""

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.models import Page

from django_tasks import task

from .renditions import MODERN_SPECS


def embed_urls(page) -> list[str]:
    """The media addresses of a story's embed blocks."""
    return [
        item["value"].get("url", "")
        for item in page.body.raw_data
        if item.get("type") == "embed" and isinstance(item.get("value"), dict)
    ]


@task()
def make_modern_renditions(image_id: int) -> int:
    """The hero's AVIF and WebP renditions (seconds of encoding, so never in a request);
    returns how many exist. Pages offer them from the next request on."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(image.get_renditions(*MODERN_SPECS))


@task()
def fetch_embeds(page_id: int) -> dict:
    """Ask each provider of a published story's embeds for its player once, into Wagtail's
    embed cache (pages only read it). An unreachable provider leaves the link showing."""
    page = Page.objects.filter(pk=page_id).first()
    outcome = {"fetched": 0, "failed": 0}
    if page is None or not hasattr(page.specific, "body"):
        return outcome
    for url in filter(None, embed_urls(page.specific)):
        try:
            embeds.get_embed(url)
            outcome["fetched"] += 1
        except EmbedException:
            outcome["failed"] += 1
    return outcome
