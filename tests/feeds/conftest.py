"""The stories every feed test reads."""

import datetime

import pytest

from tests.factories import (
    every_block_body,
    make_category,
    make_document,
    make_image,
    make_news,
    make_project,
)


@pytest.fixture
def stories(news_index):
    image, document = make_image("Body"), make_document("Report")
    research = make_category("Research")
    passenger, greene = make_project("PASSENGER"), make_project("GREENE")
    older = make_news(
        news_index, title="Older", date=datetime.date(2026, 1, 5), categories=[research],
        projects=[passenger], tags=["magnets"],
    )  # fmt: skip
    newer = make_news(
        news_index,
        title="Newer",
        date=datetime.date(2026, 3, 30),
        body=every_block_body(image=image, document=document, link_to=older),
        hero_image=make_image("Hero"),
        hero_alt_text="Hero alt",
        categories=[research],
        projects=[passenger, greene],
        tags=["magnets", "policy"],
    )
    return {"older": older, "newer": newer}
