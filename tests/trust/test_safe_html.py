"""Whatever is stored, every output renders it through the one sanitiser and allow-list."""

import json
import re

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from news.models import NewsPage
from news.snippets import PartnerProject
from tests.factories import make_news, make_project
from tests.news.admin_forms import news_form_data

HOSTILE_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(2)",
    "java\tscript:alert(3)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
    "vbscript:msgbox(5)",
    "//evil.example.com/steal",
]
MARKERS = ["alert(", "javascript", "data:text", "vbscript", "evil.example.com", "onerror"]
# A script element that runs: inline code, not a data block (JSON-LD) or a same-site file.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*(\bsrc=|application/(ld\+)?json))[^>]*>", re.I)


@pytest.fixture
def hostile_page(news_index):
    """A story whose stored data arrived by import or shell, never through a form."""
    project = make_project("ROGUE")
    PartnerProject.objects.filter(pk=project.pk).update(website=HOSTILE_URLS[0])
    body = [
        {"type": "call_to_action", "value": {"label": "Click me", "page": None, "url": url}}
        for url in HOSTILE_URLS
    ]
    body += [{"type": "embed", "value": {"url": url, "title": "Player"}} for url in HOSTILE_URLS]
    body.append(
        {
            "type": "paragraph",
            "value": '<p onclick="alert(6)">Hi <a href="javascript:alert(7)">x</a>'
            '<a href="data:text/html,alert(8)">y</a><img src="x" onerror="alert(9)">'
            "<script>alert(10)</script></p>",
        }
    )
    body.append({"type": "call_to_action", "value": {"label": "Safe", "url": "mailto:a@b.eu"}})
    page = make_news(news_index, title="Hostile data", projects=[project])
    NewsPage.objects.filter(pk=page.pk).update(body=json.dumps(body))
    page.refresh_from_db()
    page.save_revision().publish()
    return page


def assert_clean(text: str, where: str) -> None:
    lowered = text.lower()
    for marker in MARKERS:
        assert marker not in lowered, (where, marker)
    assert not INLINE_SCRIPT.search(text), where


def test_reference_page_preview_and_view_draft_are_clean(editor_client, hostile_page):
    html = Client().get(hostile_page.url).content.decode()
    assert_clean(html, "page")
    assert 'href="mailto:a@b.eu"' in html  # allowed schemes survive
    draft = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[hostile_page.pk]))
    assert draft.status_code == 200
    assert_clean(draft.content.decode(), "view draft")


def test_api_and_feeds_emit_no_unsafe_url(client, hostile_page):
    assert_clean(json.dumps(client.get(f"/api/v2/pages/{hostile_page.pk}/").json()), "api")
    assert_clean(json.dumps(client.get("/api/v2/projects/?fields=*").json()), "projects")
    for fmt in ("rss", "atom", "json"):
        assert_clean(client.get(f"/feeds/news.{fmt}").content.decode(), fmt)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_saving_refuses_other_schemes_with_a_field_error(editor_client, news_index, url):
    body = [("call_to_action", {"label": "Go", "page": "", "url": url})]
    data = news_form_data(title="Refused", body=body, **{"action-publish": "1"})
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk]), data
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not NewsPage.objects.filter(slug="refused").exists()
    project = PartnerProject(acronym="X", name="X", slug="x", website=url)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "website" in error.value.message_dict


def test_public_pages_run_no_inline_script_and_the_admin_keeps_what_it_needs(
    client, editor_client, news_index
):
    page = make_news(news_index)
    public = client.get(page.url)["Content-Security-Policy"]
    script_src = next(d for d in public.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    admin = editor_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in next(d for d in admin.split(";") if "script-src" in d)
