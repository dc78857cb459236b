"""The fediverse's budgets: `python -m bench.fediverse` prints JSON.

Delivery: 1,000 followers on 100 servers (each a local HTTP server with a shared inbox);
a story is published and the worker's work done (the reconciliation, then the deliveries,
as the `network` lane runs them): the time from the publish until every server has the
signed Create, and the requests each server received (one is the budget).

Verification: signed activities POSTed to the shared inbox in-process, the signer's key
already kept (fetched once from a local server): the median time per request, whose work
is the signature check (the activity, a Like, is then dropped).
"""

import json
import os
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django

SERVERS = 100
FOLLOWERS_PER_SERVER = 10
VERIFICATIONS = 200


class Inbox(BaseHTTPRequestHandler):
    """A follower's server: its shared inbox counts deliveries; /actor is a remote account."""

    received: dict[int, int] = {}
    lock = threading.Lock()
    actor: bytes = b""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/activity+json")
        self.send_header("Content-Length", str(len(Inbox.actor)))
        self.end_headers()
        self.wfile.write(Inbox.actor)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with Inbox.lock:
            port = self.server.server_address[1]
            Inbox.received[port] = Inbox.received.get(port, 0) + 1
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Inbox)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from fediverse import addresses
    from fediverse.delivery import deliver_due
    from fediverse.keys import new_key_pair
    from fediverse.models import Actor, Follower
    from fediverse.publishing import reconcile
    from fediverse.signatures import digest, sign
    from news.models import NewsPage

    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True
    hub = Actor.objects.filter(project=None).first() or Actor.objects.create(username="updates")
    Follower.objects.all().delete()
    servers = [serve() for _ in range(SERVERS)]
    Follower.objects.bulk_create(
        Follower(actor=hub, actor_url=f"http://127.0.0.1:{s.server_address[1]}/users/{n}",
                 inbox_url=f"http://127.0.0.1:{s.server_address[1]}/inbox", domain="127.0.0.1")
        for s in servers for n in range(FOLLOWERS_PER_SERVER)
    )  # fmt: skip

    story = NewsPage.objects.filter(live=True).order_by("-pk").first()
    story.title = f"{story.title.split(' (')[0]} (federated {time.time():.0f})"
    started = time.perf_counter()
    story.save_revision().publish()
    outcome = reconcile(story.pk)  # the worker's job after the publish
    delivered = deliver_due()  # and the deliveries it queued
    seconds = time.perf_counter() - started
    requests = sorted(Inbox.received.values())

    # Verification: a remote account's key fetched once, then kept.
    private_key, public_key = new_key_pair()
    remote = serve()
    remote_id = f"http://127.0.0.1:{remote.server_address[1]}/actor"
    Inbox.actor = json.dumps({
        "id": remote_id, "type": "Person", "inbox": remote_id + "/inbox",
        "publicKey": {"id": remote_id + "#key", "owner": remote_id, "publicKeyPem": public_key},
    }).encode()  # fmt: skip
    client = Client(HTTP_HOST=addresses.host(), secure=True)  # the host signatures name
    inbox = addresses.shared_inbox_url()
    timings = []
    for n in range(VERIFICATIONS + 1):
        body = json.dumps({"id": f"{remote_id}#like-{n}", "type": "Like", "actor": remote_id,
                           "object": addresses.object_url(story.pk)}).encode()  # fmt: skip
        headers = sign("POST", inbox, {"Host": addresses.host(), "Digest": digest(body),
                                       "Content-Type": "application/activity+json"},
                       key_id=remote_id + "#key", private_key=private_key)  # fmt: skip
        meta = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()
                if name not in ("Content-Type", "Host")}  # fmt: skip
        begun = time.perf_counter()
        response = client.post("/ap/inbox", body, content_type="application/activity+json",
                               **meta)  # fmt: skip
        if n:  # the first fetched the key
            timings.append((time.perf_counter() - begun) * 1000)
        assert response.status_code == 202, response.content
    print(json.dumps({
        "followers": SERVERS * FOLLOWERS_PER_SERVER, "servers": SERVERS, "outcome": outcome,
        "delivered": delivered, "seconds": round(seconds, 2),
        "requests_per_server": [requests[0], requests[-1]] if requests else [0, 0],
        "servers_reached": len(requests),
        "verify_ms_median": round(statistics.median(timings), 2),
        "verify_ms_p90": round(statistics.quantiles(timings, n=10)[-1], 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
