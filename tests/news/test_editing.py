"""Editors create, validate and publish news through the admin's own forms."""

import json

from django.urls import reverse

import pytest

from news.models import NewsIndexPage, NewsPage
from tests.factories import make_category, make_document, make_image, make_news, make_project
from tests.news.admin_forms import every_block_form_body, news_form_data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", parent.pk])


def test_news_page_can_only_be_created_under_a_news_index(editor_client, home, news_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)
    assert NewsIndexPage.can_create_at(home)
    story = make_news(news_index)
    assert NewsPage.allowed_subpage_models() == []
    for wrong_parent in (home, story):
        response = editor_client.get(add_url(wrong_parent))
        assert response.status_code in {302, 403}, "the admin must refuse this parent"
        assert "form" not in (response.context or {})


def test_editor_drafts_then_publishes_a_page_with_every_block(editor_client, news_index):
    image, document = make_image(), make_document()
    other = make_news(news_index, title="Linked story")
    category, project_a, project_b = (
        make_category(),
        make_project("PERMANET"),
        make_project("GREENE"),
    )
    body = every_block_form_body(image=image, document=document, link_to=other)
    data = news_form_data(
        title="Every block",
        body=body,
        categories=[category],
        projects=[project_a, project_b],
        tags="magnets, recycling",
    )

    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(slug="every-block")
    assert not page.live
    assert [block.block_type for block in page.get_latest_revision_as_object().body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "embed",
        "call_to_action",
        "document",
    ]

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = editor_client.post(edit_url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert sorted(page.tags.names()) == ["magnets", "recycling"]
    assert set(page.projects.values_list("acronym", flat=True)) == {"PERMANET", "GREENE"}

    html = editor_client.get(page.url).content.decode()
    for expected in ("<h2>Barriers</h2>", "<b>bold</b>", 'alt="Alt words"', "Quoted", "Video"):
        assert expected in html
    assert f'href="{other.url}"' in html or other.get_full_url() in html
    assert document.url in html


def test_missing_summary_is_shown_to_the_editor_and_keeps_the_input(editor_client, news_index):
    data = news_form_data(title="No summary", summary="", **{"action-publish": "1"})
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "summary" in form.errors
    assert form["title"].value() == "No summary"
    assert not NewsPage.objects.filter(slug="no-summary").exists()


def test_overlong_summary_is_rejected_with_a_message(editor_client, news_index):
    response = editor_client.post(
        add_url(news_index), news_form_data(title="Long", summary="x" * 301)
    )
    assert response.status_code == 200
    assert "at most 300 characters" in str(response.context["form"].errors["summary"])


def test_image_block_without_alt_text_is_an_error_not_a_crash(editor_client, news_index):
    image = make_image()
    body = [("image", {"image": image.pk, "alt_text": "", "caption": "kept caption", "credit": ""})]
    data = news_form_data(title="No alt", body=body, **{"action-publish": "1"})
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "kept caption" in response.content.decode()


# What a story half written has, given an image, and the field publishing complains of.
HALF_FILLED = {
    "hero without alt text": (lambda image: {"hero_image": str(image.pk)}, "hero_alt_text"),
    "call to action without target": (
        lambda image: {"body": [("call_to_action", {"label": "Go", "page": "", "url": ""})]},
        "body",
    ),
    "image block without alt text": (
        lambda image: {
            "body": [("image", {"image": image.pk, "alt_text": "", "caption": "", "credit": ""})]
        },
        "body",
    ),
}


@pytest.mark.parametrize("kind", HALF_FILLED)
def test_a_half_filled_story_saves_as_a_draft_and_publishing_says_what_is_missing(
    editor_client, news_index, kind
):
    make_fields, error_field = HALF_FILLED[kind]
    fields = make_fields(make_image())
    response = editor_client.post(add_url(news_index), news_form_data(title="Draft", **fields))
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(slug="draft")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = news_form_data(title="Draft", **fields, **{"action-publish": "1"})
    response = editor_client.post(edit_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert error_field in errors, errors
    page.refresh_from_db()
    assert not page.live


def test_starting_a_story_again_takes_the_next_slug_after_the_abandoned_draft(
    editor_client, news_index
):
    for _ in range(2):
        response = editor_client.post(add_url(news_index), news_form_data(title="Retry"))
        assert response.status_code == 302, response.context["form"].errors
    assert sorted(NewsPage.objects.values_list("slug", flat=True)) == ["retry", "retry-2"]


def test_a_draft_autosaved_while_the_title_is_typed_takes_its_slug_from_the_title(
    editor_client, news_index
):
    data = news_form_data(title="Nd₂Fe₁₄B supply", summary="", slug="")
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 302, response.context["form"].errors
    assert NewsPage.objects.get().slug == "nd2fe14b-supply"


def test_a_new_story_may_not_take_a_published_storys_slug_when_published(editor_client, news_index):
    make_news(news_index, title="Taken", slug="taken")
    data = news_form_data(title="Taken", **{"action-publish": "1"})
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_control_characters_pasted_into_title_are_dropped(editor_client, news_index):
    data = news_form_data(title="Magnets\x0b report\ufffe", slug="pasted", summary="Sum\x1fmary")
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="pasted")
    assert page.title == "Magnets report"
    assert page.summary == "Summary"


def test_scheduled_page_is_not_live_until_its_time_and_the_job(editor_client, news_index):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    import time_machine

    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    data = news_form_data(title="Later", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    response = editor_client.post(add_url(news_index), {**data, "action-publish": "1"})
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="later")
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == go_live
    call_command("publish_scheduled")  # before its time: nothing happens
    page.refresh_from_db()
    assert not page.live
    with time_machine.travel(go_live + datetime.timedelta(seconds=1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.first_published_at >= go_live


@pytest.mark.indexes
def test_admin_search_finds_a_page_by_a_word_only_in_its_body(
    editor_client, news_index, django_capture_on_commit_callbacks
):
    body = [{"type": "paragraph", "value": "<p>Samarium cobalt magnets are tough.</p>"}]
    # Search indexing is a task queued on commit; run it as a real commit would.
    with django_capture_on_commit_callbacks(execute=True):
        page = make_news(news_index, title="Plain title", summary="Plain summary.", body=body)
        make_news(news_index, title="Unrelated", summary="Nothing here.")
    response = editor_client.get("/admin/pages/search/", {"q": "samarium"})
    assert response.status_code == 200
    found = [p.pk for p in response.context["object_list"]]
    assert found == [page.pk]


def test_an_images_own_description_is_its_alt_text_unless_a_use_gives_another(
    editor_client, client, news_index
):
    described = make_image(description="Sintered NdFeB magnets on a lab bench")
    body = [
        ("image", {"image": described.pk, "alt_text": "", "caption": "", "credit": ""}),
        ("image", {"image": described.pk, "alt_text": "Close-up", "caption": "", "credit": ""}),
    ]
    data = news_form_data(
        title="Described", body=body, hero_image=str(described.pk), **{"action-publish": "1"}
    )
    response = editor_client.post(add_url(news_index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get(slug="described")
    assert page.live

    html = client.get(page.url).content.decode()
    assert html.count('alt="Sintered NdFeB magnets on a lab bench"') == 2  # hero and block
    assert 'alt="Close-up"' in html
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert detail["hero_image"]["alt"] == "Sintered NdFeB magnets on a lab bench"
    assert [block["value"]["alt_text"] for block in detail["body"]] == [
        "Sintered NdFeB magnets on a lab bench",
        "Close-up",
    ]
    listing = client.get(news_index.url).content.decode()
    assert 'alt="Sintered NdFeB magnets on a lab bench"' in listing


def test_the_image_form_says_its_description_is_the_alt_text(editor_client):
    assert (
        "Description (used as alt text)" in editor_client.get("/admin/images/add/").content.decode()
    )


def test_a_headline_typed_over_several_lines_is_stored_as_one(editor_client, news_index):
    response = editor_client.post(
        add_url(news_index),
        news_form_data(title="Pilot line\r\nreaches  a tonne\n", slug="pilot-line-reaches-a-tonne"),
    )
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="pilot-line-reaches-a-tonne").title == (
        "Pilot line reaches a tonne"
    )


def test_a_paragraph_with_headings_is_saved_as_heading_and_paragraph_blocks(
    editor_client, news_index
):
    pasted = json.dumps({
        "blocks": [
            {"key": "a", "type": "header-one", "text": "Final conference", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": []},
            {"key": "b", "type": "unstyled", "text": "Forty people came.", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": []},
            {"key": "c", "type": "header-two", "text": "Results", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": []},
            {"key": "d", "type": "unordered-list-item", "text": "A pilot plant", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": []},
        ],
        "entityMap": {},
    })  # fmt: skip
    data = news_form_data(title="Pasted", body=[("paragraph", pasted)])
    assert editor_client.post(add_url(news_index), data).status_code == 302
    body = list(NewsPage.objects.get(slug="pasted").body.raw_data)
    assert [(b["type"], b["value"] if b["type"] == "heading" else None) for b in body] == [
        ("heading", {"text": "Final conference", "level": "h2"}),
        ("paragraph", None),
        ("heading", {"text": "Results", "level": "h2"}),
        ("paragraph", None),
    ]
    assert body[3]["value"].startswith("<ul><li") and "A pilot plant" in body[3]["value"]


def test_admin_dates_read_day_first_with_a_24_hour_clock(editor_client, news_index):
    data = news_form_data(title="Dated", slug="dated", date="07/12/2026",
                          go_live_at="08/12/2026 14:30")  # fmt: skip
    assert editor_client.post(add_url(news_index), data).status_code == 302
    story = NewsPage.objects.get(slug="dated")
    assert str(story.date) == "2026-12-07"  # 7 December, not 12 July
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'value="07/12/2026"' in edit
    assert 'value="08/12/2026 14:30"' in edit
