"""An image's credit is written once in the image library and shown wherever it is used,
unless a use gives its own: story pages, the API and the feeds alike."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.models import Image
from wagtail.models import Collection

import feedparser
import pytest
from PIL import Image as PILImage

from news.image_credits import ImageCredit
from news.models import NewsPage
from tests.factories import make_image, make_news

pytestmark = pytest.mark.django_db


def png_upload(name: str = "lab.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), (120, 30, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def edit_image(editor_client, image, **fields):
    data = {
        "title": image.title,
        "description": image.description,
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **fields,
    }
    return editor_client.post(f"/admin/images/{image.pk}/", data)


def test_the_image_library_edits_an_images_credit(editor_client):
    image = make_image(description="Sintered magnets")
    page = editor_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert 'name="credit"' in page

    assert edit_image(editor_client, image, credit="  Jane Doe, TU Delft ").status_code == 302
    assert ImageCredit.objects.get(image=image).credit == "Jane Doe, TU Delft"
    page = editor_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert 'value="Jane Doe, TU Delft"' in page

    assert edit_image(editor_client, image, credit="").status_code == 302
    assert not ImageCredit.objects.filter(image=image).exists()


def test_an_edit_that_does_not_show_the_credit_keeps_it(editor_client):
    image = make_image()
    ImageCredit.objects.create(image=image, credit="Jane Doe")
    assert edit_image(editor_client, image, title="Renamed").status_code == 302
    assert ImageCredit.objects.get(image=image).credit == "Jane Doe"


def test_the_choosers_upload_takes_the_credit(editor_client):
    response = editor_client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Pilot line",
            "image-chooser-upload-file": png_upload(),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
            "image-chooser-upload-description": "The pilot line's furnace",
            "image-chooser-upload-credit": "SUSMAGPRO",
        },
    )
    assert response.status_code == 200
    image = Image.objects.get(title="Pilot line")
    assert ImageCredit.objects.get(image=image).credit == "SUSMAGPRO"


def test_every_use_shows_the_images_credit_unless_it_gives_its_own(client, news_index):
    image = make_image(description="Sintered magnets on a bench")
    ImageCredit.objects.create(image=image, credit="Jane Doe")
    body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "credit": credit}}
        for credit in ("", "REMHub")
    ]
    story = make_news(news_index, title="Credited", hero_image=image, body=body)
    other = make_news(news_index, title="Own credit", hero_image=image, hero_credit="PERMANET")

    html = client.get(story.url).content.decode()
    assert html.count('<span class="credit">© Jane Doe</span>') == 2  # hero and first block
    assert '<span class="credit">© REMHub</span>' in html
    assert '<span class="credit">© PERMANET</span>' in client.get(other.url).content.decode()

    detail = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert detail["hero_image"]["credit"] == "Jane Doe"
    assert [block["value"]["credit"] for block in detail["body"]] == ["Jane Doe", "REMHub"]
    assert client.get(f"/api/v2/pages/{other.pk}/").json()["hero_image"]["credit"] == "PERMANET"

    feed = feedparser.parse(client.get("/feeds/news.atom").content)
    entry = next(e for e in feed.entries if e.title == "Credited")
    assert "© Jane Doe" in entry.content[0].value and "© REMHub" in entry.content[0].value


def test_deleting_an_image_deletes_its_credit(news_index):
    image = make_image(description="Sintered magnets")
    ImageCredit.objects.create(image=image, credit="Jane Doe")
    story = make_news(news_index, hero_image=image)
    image.delete()
    assert not ImageCredit.objects.exists()
    assert NewsPage.objects.get(pk=story.pk).hero_image is None


def test_a_changed_credit_reaches_cached_answers_at_once(client, news_index):
    image = make_image(description="Sintered magnets")
    credit = ImageCredit.objects.create(image=image, credit="Jane Doe")
    story = make_news(news_index, hero_image=image)
    url = f"/api/v2/pages/{story.pk}/"
    assert client.get(url).json()["hero_image"]["credit"] == "Jane Doe"  # now cached

    credit.credit = "John Roe"
    credit.save()
    assert client.get(url).json()["hero_image"]["credit"] == "John Roe"
    credit.delete()
    assert client.get(url).json()["hero_image"]["credit"] == ""
