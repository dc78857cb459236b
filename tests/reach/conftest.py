import pytest

from tests.deploy.redis_server import RedisServer


@pytest.fixture
def reach_redis(tmp_path, settings):
    """A redis-server of the test's own, keeping its data across a restart (append-only
    file), that reach counts in; nothing else uses it."""
    with RedisServer(tmp_path, persistent=True) as server:
        settings.REACH_REDIS_URL = server.url
        settings.REACH_KEY_PREFIX = "reach-test"
        settings.REACH_PUSH_SECONDS = 0  # each read sent at once: a test reads Redis next
        yield server


from tests.newsletter.conftest import on_commit, smtp  # noqa: E402, F401 (digests sent for real)
