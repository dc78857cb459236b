"""A story page leads on: back to all updates, and to related stories."""

import datetime
import re

from tests.factories import make_category, make_hidden_pages, make_news, make_project


def test_related_stories_share_a_category_or_project_and_are_public(client, news_index):
    policy, passenger = make_category("Policy"), make_project("PASSENGER")
    d = datetime.date
    story = make_news(news_index, title="The story", categories=[policy], projects=[passenger])
    by_category = make_news(news_index, title="Same category", categories=[policy],
                            date=d(2026, 1, 2))  # fmt: skip
    by_project = make_news(news_index, title="Same project", projects=[passenger],
                           date=d(2026, 1, 3))  # fmt: skip
    make_news(news_index, title="Unrelated", categories=[make_category("Research")])
    hidden = make_hidden_pages(news_index)["draft"]
    hidden.categories.set([policy])
    hidden.save_revision()
    html = client.get(story.url).content.decode()
    related = html[html.index('id="related-heading"') :]
    titles = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', related)
    assert titles == [by_project.title, by_category.title]
    back = re.search(r'<a href="([^"]+)">← All updates</a>', html)
    assert back and back.group(1).rstrip("/").endswith("/updates")


def test_a_story_offers_share_links_that_load_no_third_party_script(client, news_index):
    from urllib.parse import quote

    story = make_news(news_index, title="Magnets & motors")
    html = client.get(story.url).content.decode()
    encoded = quote(story.get_full_url(), safe="")
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}" in html
    assert f"mailto:?subject=Magnets%20%26%20motors&amp;body={encoded}" in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert all(src.startswith("/static/") for src in scripts), scripts
