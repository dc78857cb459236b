"""The image's HEALTHCHECK, for either role: `python -m cms.container_health`.

A web container answers /healthz; a worker container has no web server, so it is healthy
while its own worker (this hostname) has beaten within WORKER_DEAD_AFTER_SECONDS.
"""

import os
import socket
import sys
import urllib.error
import urllib.request


def web_is_healthy(port: str) -> bool | None:
    """True/False from /healthz; None when nothing listens (not a web container)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=4):  # noqa: S310
            return True
    except urllib.error.HTTPError:
        return False
    except (urllib.error.URLError, OSError) as error:
        if isinstance(getattr(error, "reason", error), ConnectionRefusedError):
            return None
        return False


def worker_is_alive() -> bool:
    import django

    django.setup()
    from datetime import timedelta

    from django.apps import apps
    from django.conf import settings
    from django.utils import timezone

    heartbeats = apps.get_model("worker", "WorkerHeartbeat")  # after setup: no import
    horizon = timezone.now() - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
    beats = heartbeats.objects.filter(hostname=socket.gethostname(), seen_at__gte=horizon)
    return beats.exists()


def main() -> int:
    web = web_is_healthy(os.environ.get("PORT", "8000"))
    healthy = web if web is not None else worker_is_alive()
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
