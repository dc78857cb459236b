"""Image sizes served by the API, feeds and pages: one list, so renditions are shared."""

import contextlib

from django.core.cache import cache

from wagtail.images import get_image_model

from PIL import features

# Hero image: a listing card, a wide hero and an Open Graph / social crop.
HERO_RENDITIONS = {
    "card": "fill-480x270",
    "hero": "fill-1600x900",
    "og": "fill-1200x630",
}
# Images inside the body.
BODY_RENDITIONS = {"body": "width-1000"}
# A partner project's logo beside its name on a story (twice the shown size, for sharp
# screens).
LOGO_RENDITIONS = {"logo": "max-240x96"}
# The site's feed logo as feeds carry it: Atom's logo (about 2:1) and RSS's image, and a
# square icon (Atom's icon, JSON Feed's icon and favicon). Never the original upload.
FEED_LOGO_RENDITIONS = {"logo": "max-400x200", "icon": "fill-256x256"}
# The site's logo in every page's header: 48 px high, made twice that for sharp screens.
SITE_LOGO_SPEC = "max-640x96"
# The hero in modern formats, for `<picture>` on reference pages: the formats this
# Pillow can write, smallest first (AVIF, then WebP), at the card and hero widths. Slow
# to encode (AVIF takes about a second for 1600 px), so the worker makes them after
# publishing and pages offer only those that exist.
MODERN_FORMATS = tuple((fmt, f"image/{fmt}") for fmt in ("avif", "webp") if features.check(fmt))
HERO_SOURCE_SIZES = ((800, 450), (1600, 900))


def modern_spec(fmt: str, width: int, height: int) -> str:
    return f"fill-{width}x{height}|format-{fmt}"


MODERN_SPECS = tuple(
    modern_spec(fmt, width, height)
    for fmt, _ in MODERN_FORMATS
    for width, height in HERO_SOURCE_SIZES
)
ALL_SPECS = (
    tuple(HERO_RENDITIONS.values())
    + tuple(BODY_RENDITIONS.values())
    + tuple(LOGO_RENDITIONS.values())
    + tuple(FEED_LOGO_RENDITIONS.values())
    + (SITE_LOGO_SPEC,)
    + MODERN_SPECS
)
# What feeds enclose for a story's image: the social crop of a stated size, never the
# original upload (which may be a 40-megapixel photograph).
ENCLOSURE_SPEC = HERO_RENDITIONS["og"]
# What a feed entry shows of images: those in the body, and the enclosure.
FEED_SPECS = (*BODY_RENDITIONS.values(), ENCLOSURE_SPEC)


def made_rendition(image_id: int | None, spec: str):
    """The image's rendition of `spec` if it was made already (when its owner was saved),
    else None: reads never make one."""
    if not image_id:
        return None
    return (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id=image_id, filter_spec=spec)
        .first()
    )


def file_sizes(files) -> dict[str, int]:
    """Byte sizes of stored files by name. The shared cache keeps them (publishing fills
    it), so a feed asks its storage (a HEAD request each on object storage) only for
    files it has never measured."""
    keys = {f"file-size:{file.name}": file for file in files}
    sizes = cache.get_many(keys)
    measured = {}
    for key, file in keys.items():
        if key not in sizes:
            with contextlib.suppress(OSError):  # gone from storage: no length, no 500
                measured[key] = file.size
    if measured:
        cache.set_many(measured, timeout=None)
    return {keys[key].name: size for key, size in {**sizes, **measured}.items()}
