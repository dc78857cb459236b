"""The block chooser previews every body block with its description and example value."""

from django.urls import reverse

import pytest

from news.models import NewsPage
from tests.factories import make_document, make_image

BODY = NewsPage._meta.get_field("body").stream_block


@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_every_body_block_has_a_description_and_a_preview(editor_client, news_index, name):
    make_image(), make_document()
    block = BODY.child_blocks[name]
    assert block.get_description()
    assert block.is_previewable, f"{name} shows no preview in the block chooser"
    response = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html
    body = html.split('<article class="news block-preview">')[1].split("</article>")[0]
    assert body.strip(), f"{name}: the preview renders nothing"


def test_the_heading_preview_shows_its_example_text(editor_client):
    block = BODY.child_blocks["heading"]
    response = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert "<h2>Barriers to scaling up</h2>" in response.content.decode()
