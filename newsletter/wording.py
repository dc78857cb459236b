"""The consent wording readers agree to, versioned: a consent record names the version,
and a changed text gets a new version (never edit a published one)."""

WORDING = {
    "2026-11": (
        "Send me the network's newsletter: a digest of the news and events on the topics I "
        "chose. I can unsubscribe at any time from a link in every mail. My address is used "
        "for nothing else."
    ),
}
CURRENT_WORDING = "2026-11"


def current_wording() -> str:
    return WORDING[CURRENT_WORDING]
