"""Image sizes served by the API, feeds and pages: one list, so renditions are shared."""

import contextlib

from django.core.cache import cache

# Hero image: a listing card, a wide hero and an Open Graph / social crop.
HERO_RENDITIONS = {
    "card": "fill-480x270",
    "hero": "fill-1600x900",
    "og": "fill-1200x630",
}
# Images inside the body.
BODY_RENDITIONS = {"body": "width-1000"}
ALL_SPECS = tuple(HERO_RENDITIONS.values()) + tuple(BODY_RENDITIONS.values())
# What feeds enclose for a story's image: the social crop of a stated size, never the
# original upload (which may be a 40-megapixel photograph).
ENCLOSURE_SPEC = HERO_RENDITIONS["og"]


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
