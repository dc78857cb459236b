"""The documented worker renders ahead (delivery.warming): after an editor publishes in
another process, gunicorn's readers keep the previous cached answers until the worker has
stored the new ones, so the first answer that shows the change is already a cached one."""

import pytest

from tests.deploy.live import eventually, redis_available
from tests.worker.process import site_with_worker

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("live-worker")]

FEEDS = ("/feeds/news.atom", "/feeds/news.rss", "/feeds/news.json")
NEWEST = "from news.models import NewsPage; p = NewsPage.objects.live().order_by('-date').first()"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    workdir = tmp_path_factory.mktemp("render-ahead")
    # Readers look at the counters on every request, and would wait for the worker for up
    # to 20 s (a bound no busy machine reaches: the worker starts within 0.1 s).
    env = {"CONTENT_VERSION_CHECK_SECONDS": "0", "CONTENT_VERSION_WARM_SECONDS": "20"}
    with site_with_worker(workdir, env) as (server, _, editor):
        yield server, editor


def test_the_first_answers_that_show_a_publish_are_ones_the_worker_rendered_ahead(site):
    server, editor = site
    story = editor.run(f"{NEWEST}; print(p.pk)").split()[-1]
    outputs = (*FEEDS, f"/api/v2/pages/{story}/")
    for _ in range(4):  # both gunicorn processes answer each, and note it as read
        for path in outputs:
            assert server.request(path).status == 200

    editor.run(f"{NEWEST}; p.title = 'Rendered ahead'; p.save_revision().publish()")
    first_showing: dict[str, str] = {}

    def every_output_shows_it() -> bool:
        for path in set(outputs) - set(first_showing):
            response = server.request(path)
            if "Rendered ahead" in response.read().decode():
                first_showing[path] = response.headers["X-Cache"]
        return len(first_showing) == len(outputs)

    eventually(every_output_shows_it, every=0.05)
    assert first_showing == dict.fromkeys(outputs, "HIT")
