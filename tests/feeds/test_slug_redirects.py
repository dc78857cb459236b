"""Renaming a category's or project's slug keeps subscribers' feed and calendar
addresses working: the old ones answer 301 to the new ones."""

from django.urls import reverse

from tests.factories import make_category, make_news, make_project


def test_old_feed_and_calendar_addresses_of_a_renamed_project_redirect(client, news_index):
    project = make_project("REMHUB", slug="remhub")
    make_news(news_index, title="Hub story", projects=[project])
    project.slug = "rem-hub"
    project.save()

    for old, new in [
        ("/feeds/projects/remhub.atom", "/feeds/projects/rem-hub.atom"),
        ("/feeds/projects/remhub.json", "/feeds/projects/rem-hub.json"),
        ("/events/projects/remhub.ics", "/events/projects/rem-hub.ics"),
        ("/feeds/network/projects/remhub.rss", "/feeds/network/projects/rem-hub.rss"),
    ]:
        response = client.get(old)
        assert (response.status_code, response.headers.get("Location")) == (301, new), old
        assert client.get(new).status_code == 200, new
    assert b"Hub story" in client.get("/feeds/projects/rem-hub.atom").content


def test_a_slug_changed_back_serves_its_own_feed_again(client, news_index):
    category = make_category("Policy")
    make_news(news_index, title="Policy story", categories=[category])
    for slug in ("eu-policy", "policy"):
        category.slug = slug
        category.save()
    response = client.get("/feeds/categories/policy.rss")
    assert response.status_code == 200 and b"Policy story" in response.content
    assert client.get("/feeds/categories/eu-policy.rss").headers["Location"] == (
        "/feeds/categories/policy.rss"
    )


def test_the_editor_is_told_that_old_addresses_redirect(editor_client):
    project = make_project("PERMANET")
    url = reverse("wagtailsnippets_news_partnerproject:edit", args=[project.pk])
    html = editor_client.get(url).content.decode()
    assert "the old feed and calendar addresses keep working" in html
    assert 'data-w-sync-target-value="#id_slug"' in html  # the acronym fills the slug
