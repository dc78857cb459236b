"""A digest sent by the real worker process over real SMTP, through a killed worker:
every subscriber gets exactly one mail.

On the database of the run: SQLite in `make test`, PostgreSQL in `make test-postgres`.
"""

import pytest

from tests.deploy.live import eventually, manage, redis_available, start, stop
from tests.newsletter.smtp import SMTPServer
from tests.worker.process import FAST_WORKER, Worker

# A killed worker and a real SMTP server: the slow tier runs it, on both databases.
pytestmark = [pytest.mark.live, pytest.mark.slow, pytest.mark.xdist_group("live-worker")]
SUBSCRIBERS = 8

MAKE_READERS = f"""
from django.utils import timezone
from datetime import timedelta
from newsletter.models import Subscriber
since = timezone.now() - timedelta(days=365)
for n in range({SUBSCRIBERS}):
    Subscriber.objects.create(email=f"reader{{n}}@example.org", status="confirmed",
                              confirmed_at=since, digested_until=since)
print("ok")
"""


def shell(env: dict, code: str) -> str:
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    workdir = tmp_path_factory.mktemp("newsletter")
    with SMTPServer() as smtp:
        env = {
            **FAST_WORKER,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "NEWSLETTER_BATCH_SIZE": "3",
        }
        server, gunicorn, log = start(workdir, env_overrides=env)
        worker = Worker(server.env, workdir)
        worker.start()
        yield {"server": server, "smtp": smtp.mailbox, "worker": worker}
        if worker.process.poll() is None:
            worker.stop()
        stop(gunicorn, log, server)


def test_a_worker_killed_mid_digest_sends_each_remaining_reader_exactly_one_mail(site):
    env, mailbox, worker = site["server"].env, site["smtp"], site["worker"]
    assert shell(env, MAKE_READERS) == "ok"
    mailbox.hold_after = 4  # the fifth mail hangs in the middle of its sending
    shell(env, "from newsletter.tasks import queue_digest; print(queue_digest('command').pk)")
    assert mailbox.stalled.wait(60), "the worker never started sending"
    worker.kill()
    mailbox.release(drop_held=True)  # the hung mail was never accepted
    assert len(mailbox.messages) == 4
    worker.start()  # notices the dead worker's job and runs it again
    mailbox.wait_for(SUBSCRIBERS, timeout=60)
    state = (
        "from newsletter.models import Digest; d = Digest.objects.get(trigger='command'); "
        "print(d.state, d.sent, d.recipients)"
    )
    assert eventually(lambda: shell(env, state) == f"done {SUBSCRIBERS} {SUBSCRIBERS}")
    received = sorted(message["To"] for message in mailbox.messages)
    assert received == sorted(f"reader{n}@example.org" for n in range(SUBSCRIBERS))
    assert all("List-Unsubscribe" in message for message in mailbox.messages)
