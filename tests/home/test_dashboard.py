"""The admin's dashboard shows a newsroom what it needs: start, drafts, schedule, output."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.factories import make_events_index, make_news


def dashboard(client) -> str:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str, panel_id: str) -> str:
    """The part of the page from one dashboard panel to the next."""
    return html.split(f'id="{panel_id}-section"')[1].split("</table>")[0]


def test_buttons_start_an_update_and_an_event(editor_client, home, news_index):
    events_index = make_events_index(home)
    html = dashboard(editor_client)
    news_add = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
    event_add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", events_index.pk])
    assert f'href="{news_add}">Write an update</a>' in html
    assert f'href="{event_add}">Add an event</a>' in html
    assert editor_client.get(news_add).status_code == 200


def test_an_editor_sees_own_drafts_the_schedule_and_what_was_published(
    editor_client, editor, django_user_model, news_index
):
    mine = make_news(news_index, title="My unfinished story", publish=False)
    mine.save_revision(user=editor)
    someone = django_user_model.objects.create_user("other", "o@example.org", "pw")
    theirs = make_news(news_index, title="Someone else's draft", publish=False)
    theirs.save_revision(user=someone)
    later = make_news(news_index, title="Embargoed story", publish=False)
    go_live = timezone.now() + datetime.timedelta(days=1)
    later.go_live_at = go_live
    later.save_revision(user=editor).publish()  # approved for later, not live yet
    make_news(news_index, title="Out this morning")

    html = dashboard(editor_client)
    drafts = panel(html, "newsroom-your-drafts")
    assert "My unfinished story" in drafts and "Someone else" not in drafts
    scheduled = panel(html, "newsroom-scheduled")
    assert "Embargoed story" in scheduled
    assert go_live.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in scheduled
    published = panel(html, "newsroom-recently-published")
    assert "Out this morning" in published and "Embargoed story" not in published


def test_the_dashboard_makes_no_third_party_request(editor_client, news_index):
    html = dashboard(editor_client)
    assert "gravatar.com" not in html
    assert "releases.wagtail.org" not in html
