"""Demo partner news for the network river, in our own words.

Real partner feeds cannot be fetched offline, so the demo stores a few items as if the
worker had fetched them, on sources that stay inactive (the worker never calls them).
An editor points a source at a partner's real feed and ticks "active" to go live.
"""

import datetime

SOURCES = [
    {
        "project": "passenger",
        "url": "https://passenger.example.org/news/feed.atom",
        "title": "PASSENGER project news",
        "items": [
            ("passenger-demo-1", "Strontium ferrite magnets pass motor tests",
             "Prototype magnets without rare earths ran an e-bike motor through its test cycle.",
             "https://passenger.example.org/news/ferrite-motor-tests", 40),
            ("passenger-demo-2", "Open data sets from the pilot lines",
             "Measurement data from the pilot lines is now openly available for reuse.",
             "https://passenger.example.org/news/open-data", 12),
        ],
    },
    {
        "project": "susmagpro",
        "url": "https://susmagpro.example.org/feed.xml",
        "title": "SUSMAGPRO updates",
        "items": [
            ("susmagpro-demo-1", "Recycled magnets in a washing machine pump",
             "A demonstrator pump runs on magnets made from recycled material.",
             "https://susmagpro.example.org/updates/pump", 20),
            ("susmagpro-demo-2", "Collection guide for end-of-life magnets",
             "A short guide helps recyclers find and sort magnets in scrap streams.",
             "https://susmagpro.example.org/updates/collection-guide", 5),
        ],
    },
]  # fmt: skip


def items_of(spec: dict, today: datetime.date) -> list[dict]:
    """Each demo item dated `days` before `today`, at 10:00 UTC."""
    return [
        {
            "original_id": original_id,
            "title": title,
            "summary": summary,
            "content": f"<p>{summary}</p>",
            "link": link,
            "published_at": datetime.datetime.combine(
                today - datetime.timedelta(days=days), datetime.time(10), datetime.UTC
            ),
        }
        for original_id, title, summary, link, days in spec["items"]
    ]
