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
def rich_page(news_index):
    """A published story using every block, with a hero image and classification."""
    target = make_news(news_index, title="Link target")
    image, document = make_image("Body image"), make_document("Annual report")
    category = make_category("Recycling")
    projects = [make_project("PASSENGER"), make_project("PERMANET")]
    return make_news(
        news_index,
        title="Every block story",
        body=every_block_body(image=image, document=document, link_to=target),
        hero_image=make_image("Hero"),
        hero_alt_text="Hero alt",
        hero_caption="Hero caption",
        categories=[category],
        projects=projects,
        tags=["magnets", "rare earths"],
    )


def api_get(client, path, **params):
    response = client.get(path, params)
    return response, (
        response.json() if response["Content-Type"].startswith("application/json") else None
    )
