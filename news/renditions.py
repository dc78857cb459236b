"""Image sizes served by the API, feeds and pages: one list, so renditions are shared."""

from wagtail.images.models import AbstractImage

# Hero image: a listing card, a wide hero and an Open Graph / social crop.
HERO_RENDITIONS = {
    "card": "fill-480x270",
    "hero": "fill-1600x900",
    "og": "fill-1200x630",
}
# Images inside the body.
BODY_RENDITIONS = {"body": "width-1000"}
ALL_SPECS = tuple(HERO_RENDITIONS.values()) + tuple(BODY_RENDITIONS.values())


def ensure_renditions(image: AbstractImage, specs: tuple[str, ...] = ALL_SPECS) -> None:
    """Create missing renditions now, so reads never pay for image processing."""
    image.get_renditions(*specs)
