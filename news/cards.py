"""Listing cards: the story and its card image, with every image of a listing loaded at once."""

from collections.abc import Iterable

from .references import References, Wanted
from .renditions import HERO_RENDITIONS


def news_cards(pages: Iterable, *, base_url: str) -> list[dict]:
    """Each page with its card rendition; one query for all the images of the listing."""
    pages = list(pages)
    wanted = Wanted()
    for page in pages:
        wanted.image(page.hero_image_id)
    refs = References(wanted, base_url=base_url)
    cards = []
    for page in pages:
        image = refs.image(page.hero_image_id, {"card": HERO_RENDITIONS["card"]})
        cards.append(
            {
                "page": page,
                "url": refs.full_url(page),
                "image": image
                and {
                    **image["renditions"]["card"],
                    "alt": refs.alt_text(page.hero_image_id, page.hero_alt_text),
                },
            }
        )
    return cards
