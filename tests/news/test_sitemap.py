"""The sitemap lists exactly what readers may see, on the same rule as every output."""

from wagtail.models import Page

from lxml import etree

from news.visibility import publishable as visible_pages
from tests.factories import make_hidden_pages, make_news

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    return {loc.text for loc in etree.fromstring(response.content).iter(f"{SITEMAP}loc")}


def test_sitemap_lists_publishable_pages_only(client, news_index):
    visible = make_news(news_index, title="Visible")
    hidden = make_hidden_pages(news_index)
    urls = sitemap_urls(client)
    assert visible.get_full_url() in urls
    assert news_index.get_full_url() in urls
    for reason, page in hidden.items():
        assert page.get_full_url() not in urls, reason


def test_an_expired_page_leaves_the_sitemap_before_any_job_runs(client, news_index):
    from datetime import timedelta

    from django.utils import timezone

    import time_machine

    page = make_news(news_index, title="Short-lived")
    page.expire_at = timezone.now() + timedelta(minutes=5)
    page.save_revision().publish()
    assert page.get_full_url() in sitemap_urls(client)
    with time_machine.travel(page.expire_at + timedelta(seconds=1)):
        assert page.get_full_url() not in sitemap_urls(client)


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, news_index):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Sitemap: http://localhost/sitemap.xml" in lines
    favicon = client.get("/").content.decode()
    assert 'rel="icon"' in favicon and "favicon" in favicon


def test_a_large_site_gets_a_sitemap_index_of_sections(client, news_index, monkeypatch):
    """Sections of `limit` addresses (1,000 on a live site; 3 here), named by an index at
    the same address, together listing every publishable page once."""
    from home.sitemap import PublishableSitemap

    monkeypatch.setattr(PublishableSitemap, "limit", 3)
    stories = [make_news(news_index, title=f"Story {n}") for n in range(7)]
    hidden = make_hidden_pages(news_index)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    publishable = {page.get_full_url() for page in
                   visible_pages(Page.objects.all(), site=news_index.get_site())}  # fmt: skip
    count = -(-len(publishable) // 3)
    assert sections == [f"http://localhost/sitemap.xml?p={n}" for n in range(1, count + 1)]
    listed = []
    for section in sections:
        urlset = etree.fromstring(client.get(section.removeprefix("http://localhost")).content)
        assert urlset.tag == f"{SITEMAP}urlset"
        listed += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    assert len(listed) == len(set(listed)) and set(listed) == publishable
    assert {s.get_full_url() for s in stories} <= set(listed)
    assert not {page.get_full_url() for page in hidden.values()} & set(listed)
    assert client.get(f"/sitemap.xml?p={count + 1}").status_code == 404
