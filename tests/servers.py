"""Real local HTTP servers for tests: a hub, a cache to purge, partner websites.

A `RecordingServer` answers each request from a list of scripted replies (the last one
repeats) and keeps every request it received, so a test can wait for one and read it.
"""

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to hold the answer: a slow server
    drip: float = 0.0  # seconds between bytes of the whole answer, headers included


class RecordingServer:
    def __init__(self, replies: list[Reply] | None = None, routes: dict | None = None):
        self.replies = list(replies or [Reply(202)])
        self.routes = routes or {}  # path -> Reply, for servers that host documents
        self.received: list[Received] = []
        self.closing = False
        self.dripping = 0  # answers being dripped right now
        self.hung_up: list[float] = []  # when clients left dripped answers (monotonic)
        self._arrived = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_one_request(self):
                # The client may stop reading (a size cap, a timeout): its choice.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle_one_request()

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = server._reply(self.command, self.path, dict(self.headers), body)
                if reply.delay:
                    time.sleep(reply.delay)  # the server under test is slow on purpose
                if reply.drip:
                    return self._drip(reply)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            def _drip(self, reply):
                """A byte at a time until the client hangs up, which is recorded."""
                head = [f"HTTP/1.1 {reply.status} OK"]
                head += [f"{name}: {value}" for name, value in reply.headers.items()]
                head.append(f"Content-Length: {len(reply.body)}")
                raw = ("\r\n".join(head) + "\r\n\r\n").encode() + reply.body
                with server._arrived:
                    server.dripping += 1
                try:
                    for position in range(len(raw)):
                        if server.closing:
                            break
                        self.wfile.write(raw[position : position + 1])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                except OSError:
                    pass
                finally:
                    with server._arrived:
                        server.dripping -= 1
                        server.hung_up.append(time.monotonic())
                        server._arrived.notify_all()
                self.close_connection = True

            do_GET = do_POST = do_PURGE = do_HEAD = _answer

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        # A short poll: shutting the server down waits for one (0.5 s by default, paid by
        # every test that starts a server).
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _reply(self, method, path, headers, body) -> Reply:
        with self._arrived:
            self.received.append(Received(method, path, headers, body))
            self._arrived.notify_all()
            if path in self.routes:
                route = self.routes[path]
                return route(headers) if callable(route) else route
            return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def reset(self, replies: list[Reply] | None = None) -> None:
        with self._arrived:
            self.received.clear()
            self.replies = list(replies or [Reply(202)])

    def wait_for(self, count: int, timeout: float = 20) -> list[Received]:
        """Until `count` requests have arrived (a real wait: they come from another process)."""
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.received) >= count, timeout), (
                f"only {len(self.received)} of {count} requests arrived"
            )
            return list(self.received)

    def __enter__(self) -> "RecordingServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.closing = True
        self._httpd.shutdown()
        self._httpd.server_close()
