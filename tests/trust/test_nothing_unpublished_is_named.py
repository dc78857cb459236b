"""Links, feeds, the feed index and OPML name nothing readers cannot reach."""

from datetime import timedelta

from django.utils import timezone

import time_machine
from lxml import etree

from news.snippets import Category
from tests.factories import make_category, make_hidden_pages, make_news, make_private

# Public, only elsewhere: an alias's URL serves its public source; the other site's story is
# public on its own site. Links to them rightly resolve.
PUBLIC_ELSEWHERE = {"alias", "other-site"}


def test_reference_pages_show_no_url_of_an_unpublishable_page(client, news_index):
    hidden = make_hidden_pages(news_index)
    body = [
        {"type": "paragraph", "value": f'<p><a linktype="page" id="{page.pk}">{reason}</a></p>'}
        for reason, page in hidden.items()
        if reason not in PUBLIC_ELSEWHERE
    ]
    body += [
        {"type": "call_to_action", "value": {"label": f"CTA {reason}", "page": page.pk}}
        for reason, page in hidden.items()
        if reason not in PUBLIC_ELSEWHERE
    ]
    story = make_news(news_index, title="Links everywhere", body=body)
    html = client.get(story.url).content.decode()
    for reason, page in hidden.items():
        if reason in PUBLIC_ELSEWHERE:
            continue
        assert page.url_path.rstrip("/").rsplit("/", 1)[-1] not in html, reason
        assert f"CTA {reason}" not in html, reason  # a call to action to nowhere is left out
    assert ">draft</a>" in html  # the link text stays, without an href


def test_an_expired_page_is_not_served_as_html_before_any_job_runs(client, news_index):
    page = make_news(news_index, title="Short-lived")
    page.expire_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    with time_machine.travel(page.expire_at + timedelta(seconds=1)):
        assert client.get(page.url).status_code == 404
        assert "Short-lived" not in client.get(news_index.url).content.decode()


def test_a_tag_used_only_by_unpublishable_stories_is_unknown_everywhere(client, news_index):
    make_news(news_index, title="Public", tags=["public-tag"])
    make_news(news_index, title="Draft", publish=False, tags=["secret-merger"])
    private = make_news(news_index, title="Private", tags=["secret-merger"])
    make_private(private, "login")
    assert client.get("/feeds/tags/public-tag.rss").status_code == 200
    for fmt in ("rss", "atom", "json"):
        assert client.get(f"/feeds/tags/secret-merger.{fmt}").status_code == 404
        assert client.get(f"/feeds/tags/never-used.{fmt}").status_code == 404
    for path in ("/feeds/", "/feeds/opml.xml"):
        text = client.get(path).content.decode()
        assert "public-tag" in text and "secret-merger" not in text, path


def test_feed_index_and_opml_name_only_what_public_stories_use(client, news_index):
    used, unused = make_category("Research"), make_category("Acquisitions")
    make_news(news_index, title="Public", categories=[used])
    make_news(news_index, title="Draft", publish=False, categories=[unused])
    for path in ("/feeds/", "/feeds/opml.xml"):
        text = client.get(path).content.decode()
        assert "Research" in text and "Acquisitions" not in text, path


def test_opml_stays_valid_whatever_an_editor_types(client, news_index):
    category = make_category("Nasty")
    Category.objects.filter(pk=category.pk).update(name="Bad\x0b\x1f & <name> \ufffe 🧲")
    make_news(news_index, categories=[category])
    response = client.get("/feeds/opml.xml")
    root = etree.fromstring(response.content)
    texts = [o.get("text") for o in root.iter("outline")]
    assert any("Bad & <name>" in (text or "") and "🧲" in text for text in texts)
