"""Strangers' URLs cannot fill the server's cache, nor crowd out the real answers."""

import random

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import make_category, make_news


def stored_bytes() -> int:
    """What the test's local-memory cache holds, as the bytes it stores."""
    return sum(len(value) for value in cache._cache.values())


@pytest.fixture
def content(news_index):
    research = make_category("Research")
    for n in range(5):
        make_news(news_index, title=f"Story {n}", categories=[research], tags=["magnets"])


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/news.atom?utm_source=newsletter",
        "/feeds/tags/magnets.rss?fbclid=abc",
        "/api/v2/pages/?type=news.NewsPage&utm_campaign=x",
        "/api/v2/categories/?junk=1",
    ],
)
def test_unknown_parameters_answer_400_naming_them(client, content, path):
    response = client.get(path)
    assert response.status_code == 400
    name = path.rsplit("?", 1)[1].split("&")[-1].split("=")[0]
    assert name in response.content.decode()


def test_an_unknown_parameter_on_a_detail_is_a_400(client, content, news_index):
    page = news_index.get_children().first()
    response = client.get(f"/api/v2/pages/{page.pk}/?utm_source=x")
    assert response.status_code == 400 and "utm_source" in response.json()["message"]


def test_keys_are_normalised_by_parameter_order(client, content):
    first = client.get("/feeds/news.atom?category=research&tag=magnets")
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/feeds/news.atom?tag=magnets&category=research")
    assert again.content == first.content and len(captured) == 0


def test_repeating_parameters_makes_no_new_entries(client, content):
    """2,000 URLs that repeat parameters, in every count and order, add under 200 KB: they
    are the same few answers (each view reads a parameter's last value)."""
    client.get("/feeds/news.atom")
    before = stored_bytes()
    rng = random.Random(20261206)
    for n in range(2000):
        pairs = [("category", "research")] * rng.randint(1, 6) + [("tag", "magnets")] * (n % 4)
        rng.shuffle(pairs)
        query = "&".join(f"{k}={v}" for k, v in pairs)
        fmt = ("rss", "atom", "json")[n % 3]
        assert client.get(f"/feeds/news.{fmt}?{query}").status_code == 200
    added = stored_bytes() - before
    assert added < 200_000, added


@pytest.mark.slow
@pytest.mark.engine_independent
def test_ten_thousand_junk_urls_add_less_than_a_megabyte(client, content):
    client.get("/feeds/news.atom")  # the real answers are stored first
    client.get("/api/v2/pages/?type=news.NewsPage")
    before = stored_bytes()
    rng = random.Random(20261125)
    makers = [
        lambda n: f"/feeds/news.atom?utm_source=x{n}",
        lambda n: f"/feeds/news.rss?search=junk{n}",
        lambda n: f"/feeds/news.json?category=no-such-{n}",
        lambda n: f"/feeds/tags/junk-{n}.atom",
        lambda n: f"/api/v2/pages/?type=news.NewsPage&search=junk{n}",
        lambda n: f"/api/v2/pages/?type=news.NewsPage&offset={n}",
        lambda n: f"/api/v2/pages/?type=news.NewsPage&limit={n % 100}&fields=*",
        lambda n: f"/api/v2/pages/{n + 100000}/",
        lambda n: f"/api/v2/pages/?type=news.NewsPage&bogus{n}=1",
        lambda n: f"/api/v2/images/?search=junk{n}",
    ]
    statuses = {}
    for n in range(10_000):
        response = client.get(rng.choice(makers)(n))
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert set(statuses) <= {200, 400, 404}, statuses
    added = stored_bytes() - before
    assert added < 1_000_000, added
    with CaptureQueriesContext(connection) as captured:
        client.get("/feeds/news.atom")  # the real answer is still served from the cache
    assert len(captured) == 0


def test_the_bare_path_is_stored_even_after_junk_used_the_budget(client, content, settings):
    settings.RESPONSE_CACHE_VARIANTS = 3
    for n in range(10):
        client.get(f"/feeds/news.atom?search=junk{n}")
    client.get("/feeds/news.atom")
    with CaptureQueriesContext(connection) as captured:
        client.get("/feeds/news.atom")
    assert len(captured) == 0


def test_reading_never_writes_site_settings(client, news_index, editor_client):
    from home.models import SiteSettings

    assert not SiteSettings.objects.exists()
    assert client.get("/no-such-page/").status_code == 404  # the footer reads the settings
    assert client.get("/feeds/news.atom").status_code == 200
    assert not SiteSettings.objects.exists()
    site_id = news_index.get_site().pk
    edit = f"/admin/settings/home/sitesettings/{site_id}/"
    assert editor_client.get(edit).status_code == 200
    form = editor_client.get(edit).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["organisation"] = "Saved by an editor"
    response = editor_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert SiteSettings.objects.get().organisation == "Saved by an editor"
