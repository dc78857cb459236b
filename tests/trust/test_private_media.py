"""Files in view-restricted collections are never downloadable anonymously, nor named."""

import json

from wagtail.utils import sendfile as wagtail_sendfile

import pytest

from tests.factories import (
    in_collection,
    make_document,
    make_image,
    make_news,
    make_private_collection,
)


@pytest.fixture
def media(news_index):
    private = make_private_collection("Deliverables")
    secret_image = in_collection(make_image("Confidential magnet design D3.2"), private)
    secret_doc = in_collection(make_document("Confidential deliverable D3.2"), private)
    public_image, public_doc = make_image("Public photo"), make_document("Public brochure")
    body = [
        {"type": "image", "value": {"image": secret_image.pk, "alt_text": "secret alt"}},
        {"type": "image", "value": {"image": public_image.pk, "alt_text": "public alt"}},
        {"type": "document", "value": {"document": secret_doc.pk, "title": ""}},
        {"type": "document", "value": {"document": public_doc.pk, "title": ""}},
        {
            "type": "paragraph",
            "value": f'<p><a linktype="document" id="{secret_doc.pk}">the report</a>'
            f'<embed embedtype="image" id="{secret_image.pk}" alt="inline" format="left"/></p>',
        },
    ]
    page = make_news(
        news_index,
        title="Story with private media",
        body=body,
        hero_image=secret_image,
        hero_alt_text="hero alt",
    )
    return {
        "page": page,
        "secret_image": secret_image,
        "secret_doc": secret_doc,
        "public_image": public_image,
        "public_doc": public_doc,
        "secret_rendition": secret_image.get_rendition("fill-480x270"),
        "public_rendition": public_image.get_rendition("fill-480x270"),
    }


def test_private_originals_and_renditions_are_404_to_anonymous_readers(client, media):
    for name in (media["secret_image"].file.name, media["secret_rendition"].file.name):
        assert client.get(f"/media/{name}").status_code == 404, name
    for name in (media["public_image"].file.name, media["public_rendition"].file.name):
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        assert "public" in response["Cache-Control"]


def test_document_files_are_only_served_through_the_checked_view(client, media):
    for document in (media["secret_doc"], media["public_doc"]):
        assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(media["public_doc"].url).status_code == 200
    assert client.get(media["secret_doc"].url).status_code == 302  # to the login page


def test_editors_still_see_private_images(editor_client, media):
    response = editor_client.get(f"/media/{media['secret_rendition'].file.name}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_no_output_names_or_links_a_private_file(client, media):
    page = media["page"]
    outputs = {
        "html": client.get(page.url).content.decode(),
        "api": json.dumps(client.get(f"/api/v2/pages/{page.pk}/").json()),
        "rss": client.get("/feeds/news.rss").content.decode(),
        "atom": client.get("/feeds/news.atom").content.decode(),
        "json": client.get("/feeds/news.json").content.decode(),
    }
    secret_names = [
        media["secret_image"].title,
        media["secret_doc"].title,
        media["secret_image"].file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        media["secret_doc"].file.name.rsplit("/", 1)[-1],
        f"/documents/{media['secret_doc'].pk}/",
    ]
    for output, text in outputs.items():
        assert "Public brochure" in text or output == "rss", output
        for secret in secret_names:
            assert secret not in text, (output, secret)
    assert "the report" in outputs["html"]  # the link text stays, without its href


@pytest.fixture
def behind_the_proxy(settings, tmp_path):
    settings.SENDFILE_BACKEND = "cms.sendfile_accel"
    settings.SENDFILE_ROOT = str(settings.MEDIA_ROOT)
    settings.SENDFILE_URL = "/protected-media/"
    wagtail_sendfile._get_sendfile.clear()
    yield
    wagtail_sendfile._get_sendfile.clear()


def test_behind_the_proxy_only_allowed_files_are_handed_over(client, media, behind_the_proxy):
    public = client.get(f"/media/{media['public_rendition'].file.name}")
    assert public.status_code == 200
    assert public["X-Accel-Redirect"] == f"/protected-media/{media['public_rendition'].file.name}"
    assert public.content == b""  # the proxy sends the bytes
    private = client.get(f"/media/{media['secret_rendition'].file.name}")
    assert private.status_code == 404 and "X-Accel-Redirect" not in private
    document = client.get(media["public_doc"].url)
    assert document["X-Accel-Redirect"].startswith("/protected-media/documents/")
    assert "X-Accel-Redirect" not in client.get(media["secret_doc"].url)
