"""The page chooser opens where editors link to most: the Updates index."""

from tests.factories import make_event, make_events_index, make_news


def test_the_page_chooser_opens_at_the_updates_index(editor_client, home, news_index):
    make_news(news_index, title="A story to link to")
    response = editor_client.get(
        "/admin/choose-page/", headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["parent_page_id"] == news_index.pk
    assert "A story to link to" in data["html"]


def test_a_chooser_for_events_keeps_wagtails_start(editor_client, home, news_index):
    events = make_events_index(home)
    make_event(events), make_event(events)
    response = editor_client.get("/admin/choose-page/", {"page_type": "events.eventpage"})
    assert response.json()["parent_page_id"] == events.pk  # their nearest common parent


def test_the_chooser_still_needs_an_admin_login(client, news_index):
    response = client.get("/admin/choose-page/")
    assert response.status_code in {302, 403}
