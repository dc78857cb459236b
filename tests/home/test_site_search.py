"""The site's search page: stories, events and partner news in one ranked list, the
searched words marked in every form, the filters kept, and typed text never an error.
Runs on both databases (PostgreSQL's full-text search, SQLite's FTS5)."""

import datetime
import re

from django.utils import timezone

import pytest

from network.models import FeedSource
from tests.factories import (
    make_event,
    make_events_index,
    make_network_item,
    make_news,
    make_private,
    make_project,
)

pytestmark = pytest.mark.indexes


def _paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def searchable(home, news_index):
    passenger, permanet = make_project("PASSENGER"), make_project("PERMANET")
    make_news(news_index, title="Magnet recycling plant opens",
              summary="The first line recycling magnets from scrapped motors.",
              body=_paragraph("Recycled neodymium goes back into new magnets."),
              projects=[passenger])  # fmt: skip
    make_news(news_index, title="Policy brief on raw materials",
              summary="What the Critical Raw Materials Act asks of projects.",
              body=_paragraph("A long brief. " * 30 + "It mentions recycling once."),
              projects=[permanet])  # fmt: skip
    make_news(news_index, title="Recycling draft", summary="Not published.", publish=False)
    make_private(make_news(news_index, title="Private recycling notes", summary="Recycling."))
    make_event(make_events_index(home), title="Workshop on magnet recycling",
               summary="Hands-on day at the pilot line.", projects=[passenger])  # fmt: skip
    source = FeedSource.objects.create(project=permanet, url="https://permanet.example.org/feed")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    make_network_item(
        source,
        "Recycled magnets in e-bikes",
        yesterday,
        summary="PERMANET tests recycled magnets.",
        content="<p>Results.</p>",
    )
    make_network_item(source, "Hidden recycling item", yesterday, hidden=True)
    return {"passenger": passenger, "permanet": permanet}


def _results(html: str) -> list[tuple[str, str]]:
    """(kind label, title text) of each result, in order."""
    found = re.findall(
        r'<li class="result result-\w+">\s*<p class="meta"><span class="kind">([^<]+)</span>'
        r'.*?<h2><a [^>]*>(.*?)</a></h2>', html, re.S)  # fmt: skip
    return [(kind, re.sub(r"</?mark>", "", title)) for kind, title in found]


def test_one_ranked_list_of_stories_events_and_partner_news(client, searchable):
    html = client.get("/search/", {"search": "recycled"}).content.decode()
    results = _results(html)
    assert sorted(results) == sorted([
        ("Update", "Magnet recycling plant opens"),
        ("Update", "Policy brief on raw materials"),
        ("Event", "Workshop on magnet recycling"),
        ("Partner news", "Recycled magnets in e-bikes"),
    ])  # fmt: skip
    # The story with the word in its title, summary and body ranks above the brief that
    # mentions it once, deep in its body.
    titles = [title for _, title in results]
    assert titles.index("Magnet recycling plant opens") < titles.index(
        "Policy brief on raw materials"
    )
    assert titles[-1] == "Policy brief on raw materials"
    assert "4 results for “recycled”" in html


def test_snippets_mark_every_form_of_the_searched_words(client, searchable):
    html = client.get("/search/", {"search": "recycled magnets"}).content.decode()
    assert '<h2><a href="http://localhost/updates/' in html  # absolute, on the site root
    assert "<mark>Magnet</mark> <mark>recycling</mark> plant opens" in html
    assert "The first line <mark>recycling</mark> <mark>magnets</mark> from scrapped" in html
    # A long text is quoted around its first match, not from its beginning.
    brief = client.get("/search/", {"search": "recycling", "project": "permanet",
                                    "kind": "updates"}).content.decode()  # fmt: skip
    snippet = re.search(r'<p class="snippet">(.*?)</p>', brief, re.S).group(1)
    assert snippet.startswith("… ") and "mentions <mark>recycling</mark> once." in snippet
    assert len(re.sub(r"<[^>]+>", "", snippet)) <= 250


def test_the_filters_narrow_the_results_and_stay_in_the_form(client, searchable):
    html = client.get("/search/", {"search": "recycling", "project": "passenger",
                                   "kind": "events"}).content.decode()  # fmt: skip
    assert _results(html) == [("Event", "Workshop on magnet recycling")]
    assert '<option value="passenger" selected>' in html
    assert '<option value="events" selected>' in html
    assert 'value="recycling"' in html
    partner = client.get("/search/", {"search": "recycling", "kind": "network"}).content.decode()
    assert _results(partner) == [("Partner news", "Recycled magnets in e-bikes")]
    assert 'href="https://partner.example.org/news/' in partner


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ('"recycl* OR ) AND (NEAR', 4),  # operators and wildcards are separators
        ("<script>alert(1)</script> recycling", 0),  # every word must occur
        ("recycling magnets", 3),
        ("' OR 1=1 --", 0),
        ("x" * 5000, 0),
        ("💥 ∑ ﷽", 0),
        ("AND OR NOT", 0),
    ],
)
def test_typed_text_never_errors_and_stays_text(client, searchable, typed, found):
    response = client.get("/search/", {"search": typed, "page": "9999", "kind": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert len(_results(html)) == found
    if "<script>" in typed:
        assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; recycling"' in html


def test_a_nul_byte_is_refused_with_a_clear_400(client, searchable):
    response = client.get("/search/", {"search": "recycling\x00magnets"})
    assert response.status_code == 400


def test_an_empty_search_invites_typing_and_the_page_is_not_indexed(client, searchable):
    html = client.get("/search/").content.decode()
    assert "Type words to find them" in html
    assert '<meta name="robots" content="noindex">' in html
    assert _results(html) == []


def test_days_narrow_each_kind_by_its_own_date(client, searchable):
    """Stories by their date, events by the day they start, partner news by publication."""
    today = timezone.localdate()
    html = client.get("/search/", {"search": "recycling", "date_to": today.isoformat()})
    kinds = {kind for kind, _ in _results(html.content.decode())}
    assert kinds == {"Update", "Partner news"}  # the workshop starts in a week
    later = (today + datetime.timedelta(days=3)).isoformat()
    html = client.get("/search/", {"search": "recycling", "date_from": later})
    assert _results(html.content.decode()) == [("Event", "Workshop on magnet recycling")]
    assert f'name="date_from" value="{later}"' in html.content.decode()


def test_snippets_quote_the_story_not_its_block_settings(client, news_index):
    make_news(news_index, title="Results", summary="A pilot line.", body=[
        {"type": "heading", "value": {"text": "What recycling showed", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Recovered magnets performed like new ones.</p>"},
    ])  # fmt: skip
    html = client.get("/search/", {"search": "recycling"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    expected = "A pilot line. What <mark>recycling</mark> showed Recovered magnets performed"
    assert snippet == expected + " like new ones."
    # The label of a heading's level ("Section (level 2)") is no word of the story.
    assert _results(client.get("/search/", {"search": "section level"}).content.decode()) == []
