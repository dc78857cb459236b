"""Repeated reads come from the cache; every change that matters shows on the next request."""

import contextlib

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from delivery import versions
from delivery.versions import content_version
from tests.factories import make_category, make_news, make_private


def queries_for(client, path, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    return response, len(captured)


def test_a_repeated_api_read_costs_no_query_and_revalidates(client, news_index):
    make_news(news_index, title="Cached story")
    path = "/api/v2/pages/?type=news.NewsPage&fields=*"
    first, cold = queries_for(client, path)
    again, warm = queries_for(client, path)
    assert cold > 0 and warm == 0
    assert again.content == first.content
    not_modified, queries = queries_for(client, path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and queries == 0


def test_publishing_an_edit_shows_on_the_next_api_request(client, news_index):
    page = make_news(news_index, title="Before")
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Before"
    page.title = "After"
    page.save_revision().publish()
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "After"


def test_restricting_a_page_hides_it_from_cached_reads(client, news_index):
    page = make_news(news_index, title="Soon private")
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    assert b"Soon private" in client.get("/feeds/news.rss").content
    make_private(page, "login")
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert b"Soon private" not in client.get("/feeds/news.rss").content


def test_renaming_a_category_shows_in_cached_listings(client, news_index):
    category = make_category("Research")
    make_news(news_index, categories=[category])
    path = "/api/v2/pages/?type=news.NewsPage&fields=categories"
    assert client.get(path).json()["items"][0]["categories"][0]["name"] == "Research"
    category.name = "Science"
    category.save()
    assert client.get(path).json()["items"][0]["categories"][0]["name"] == "Science"


def test_preview_and_errors_are_never_cached(client, news_index, settings, editor_client):
    from tests.api.test_preview import preview_token

    assert client.get("/api/v2/pages/?limit=abc").status_code == 400
    response, queries = queries_for(client, "/api/v2/pages/?limit=abc")
    assert response.status_code == 400 and queries > 0

    settings.FRONTEND_PREVIEW_URL = "https://frontend.example.eu/preview"
    page = make_news(news_index, title="Published")
    token = preview_token(editor_client, page, title="First draft")
    first, _ = queries_for(client, f"/api/v2/preview/?token={token}")
    assert first.json()["title"] == "First draft"
    assert first["Cache-Control"] == "private, no-store"
    again, queries = queries_for(client, f"/api/v2/preview/?token={token}")
    assert again.status_code == 200 and queries > 0  # rendered again, not replayed


def test_listing_totals_follow_publishing_and_filters(client, news_index):
    make_news(news_index, title="One")
    path = "/api/v2/pages/?type=news.NewsPage&limit=1"
    assert client.get(path).json()["meta"]["total_count"] == 1
    make_news(news_index, title="Two", categories=[make_category("Events")])
    assert client.get(f"{path}&offset=1").json()["meta"]["total_count"] == 2
    assert client.get(f"{path}&category=events").json()["meta"]["total_count"] == 1
    assert client.get(f"{path}&offset=0").json()["meta"]["total_count"] == 2


def test_cached_hits_are_served_gzipped_without_recompressing_or_querying(client, news_index):
    import gzip

    make_news(news_index, title="Zipped")
    plain = client.get("/feeds/news.atom")
    assert plain["X-Cache"] == "MISS"  # rendered, and said so (operators, the bench)
    zipped, queries = queries_for(client, "/feeds/news.atom", HTTP_ACCEPT_ENCODING="gzip")
    assert queries == 0 and zipped["Content-Encoding"] == "gzip" and zipped["X-Cache"] == "HIT"
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"]
    revalidated, queries = queries_for(
        client, "/feeds/news.atom", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
    )
    assert revalidated.status_code == 304 and queries == 0


def test_a_changes_bump_commits_or_rolls_back_with_the_change(news_index):
    """The content version moves in the change's own transaction (delivery.versions): a
    reader on another connection sees the old version with the old content until the
    commit, then both new; a change rolled back retires nothing."""
    before = content_version(fresh=True)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        make_news(news_index, title="Rolled back")
        assert content_version(fresh=True) != before  # this connection sees its change
        raise RuntimeError("the publish failed")
    assert content_version(fresh=True) == before
    with transaction.atomic():
        make_news(news_index, title="Committed")
    assert content_version(fresh=True) != before


def test_the_process_that_commits_a_change_serves_it_from_the_commit_on(
    client, news_index, django_capture_on_commit_callbacks
):
    """Even to a thread that comes while another thread of the process reads the versions
    (it is served what the process has meanwhile): CI once served the feed stored before a
    scheduled publish the process had just committed."""
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, title="Before")
    assert b"Before" in client.get("/feeds/news.atom").content  # stored
    with django_capture_on_commit_callbacks(execute=True):
        make_news(news_index, title="Committed here")
    with versions._lock:  # another thread of this process is reading the versions
        assert b"Committed here" in client.get("/feeds/news.atom").content


def test_moving_the_site_to_another_address_retires_every_answer_that_names_it(client, news_index):
    make_news(news_index, title="Addressed story")
    cached = ("/feeds/news.atom", "/api/v2/pages/?type=news.NewsPage&fields=*", "/sitemap.xml")
    for path in cached:
        first, _ = queries_for(client, path)
        again, warm = queries_for(client, path)
        assert b"http://localhost/" in first.content and warm == 0, path
    site = news_index.get_site()
    site.port = 8123
    site.save()
    for path in (*cached, news_index.url):
        moved = client.get(path).content
        assert b"http://localhost:8123/" in moved and b"http://localhost/" not in moved, path
