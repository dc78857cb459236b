"""The API's `total_count` matches what paging returns when another process (the
scheduled command, an editor's admin on another server) publishes, even while gunicorn's
workers reuse the content version they last read (`CONTENT_VERSION_CHECK_SECONDS`)."""

import json

import pytest

from tests.deploy.live import manage, redis_available, start, stop

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live-worker")]

PUBLISH = """
from news.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.first()
page = index.add_child(instance=NewsPage(title="From another process", slug="other-process",
                                          summary="Published beside gunicorn."))
page.save_revision().publish()
"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    # Workers keep the version they read for an hour: the widest a deployment may set.
    overrides = {"CONTENT_VERSION_CHECK_SECONDS": "3600"}
    server, process, log = start(tmp_path_factory.mktemp("counts"), env_overrides=overrides)
    yield server
    stop(process, log, server)


def listing(live, query: str) -> dict:
    response = live.request(f"/api/v2/pages/?type=news.NewsPage&{query}")
    assert response.status == 200
    return json.loads(response.read())


def test_total_count_agrees_with_the_items_after_another_process_publishes(live):
    # Every worker reads the version and counts under it (distinct queries, so no cached
    # answer; `limit` and `fields` leave the count's key alone); with two workers, 30
    # requests reach both but for a 2^-29 chance.
    totals = {listing(live, f"fields=title&limit={n}")["meta"]["total_count"] for n in range(1, 31)}
    assert len(totals) == 1
    (total,) = totals

    manage(live.env, "shell", "-c", PUBLISH)

    for n in range(10):  # new queries, answered now by either worker
        data = listing(live, f"fields=title,date&limit={100 - n}")
        titles = [item["title"] for item in data["items"]]
        assert "From another process" in titles
        assert data["meta"]["total_count"] == len(titles) == total + 1, n
