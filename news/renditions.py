"""Image sizes served by the API, feeds and pages: one list, so renditions are shared."""

# Hero image: a listing card, a wide hero and an Open Graph / social crop.
HERO_RENDITIONS = {
    "card": "fill-480x270",
    "hero": "fill-1600x900",
    "og": "fill-1200x630",
}
# Images inside the body.
BODY_RENDITIONS = {"body": "width-1000"}
ALL_SPECS = tuple(HERO_RENDITIONS.values()) + tuple(BODY_RENDITIONS.values())
