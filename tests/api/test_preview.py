"""Headless preview: Preview in the admin hands the frontend a short-lived draft token."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

import time_machine

from tests.factories import make_news
from tests.news.admin_forms import news_form_data


def preview_token(editor_client, page, **changes):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = news_form_data(
        title=changes.get("title", page.title), slug=page.slug, summary="Draft summary"
    )
    assert editor_client.post(url, data).json()["is_valid"]
    response = editor_client.get(url)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (
        f"{target.scheme}://{target.netloc}{target.path}" == "https://frontend.example.eu/preview"
    )
    return parse_qs(target.query)["token"][0]


def test_preview_opens_the_frontend_with_a_token_for_the_unsaved_draft(
    settings, editor_client, client, news_index
):
    settings.FRONTEND_PREVIEW_URL = "https://frontend.example.eu/preview"
    page = make_news(news_index, title="Published title")
    token = preview_token(editor_client, page, title="Unsaved new title")

    response = client.get("/api/v2/preview/", {"token": token})
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    draft = response.json()
    published = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert draft["title"] == "Unsaved new title" and draft["summary"] == "Draft summary"
    assert published["title"] == "Published title"
    assert set(draft) == set(published)
    assert draft["id"] == page.pk


def test_tokens_expire_and_unknown_tokens_read_nothing(settings, editor_client, client, news_index):
    settings.FRONTEND_PREVIEW_URL = "https://frontend.example.eu/preview"
    settings.PREVIEW_TOKEN_SECONDS = 60
    page = make_news(news_index)
    token = preview_token(editor_client, page)
    assert client.get("/api/v2/preview/", {"token": token + "x"}).status_code == 404
    assert client.get("/api/v2/preview/").status_code == 404
    assert client.get("/api/v2/preview/", {"token": token}).status_code == 200
    with time_machine.travel(timedelta(seconds=61)):
        assert client.get("/api/v2/preview/", {"token": token}).status_code == 404


def test_without_a_frontend_url_wagtail_previews_the_reference_page(editor_client, news_index):
    page = make_news(news_index, title="Local preview")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = news_form_data(title="Shown in preview", slug=page.slug)
    editor_client.post(url, data)
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "<h1>Shown in preview</h1>" in response.content.decode()
