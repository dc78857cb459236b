"""A real SMTP server for tests (aiosmtpd on a free port), holding what it receives."""

import email
import email.policy
import re
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.deploy.live import free_port


class Mailbox:
    """aiosmtpd's handler: every accepted message, parsed; `hold_after` makes the server
    stall before accepting message number n+1 until `release()` (a mail server that
    hangs mid-send)."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()
        self._open = threading.Event()
        self._open.set()
        self.hold_after: int | None = None
        self.stalled = threading.Event()
        self._drop_held = False
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self._open.clear()
            self.stalled.set()
            # Blocks this server thread's loop: the client waits for our answer.
            self._open.wait()
            if self._drop_held:  # the client went away before the answer: not delivered
                return "451 Requested action aborted"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def release(self, *, drop_held: bool = False) -> None:
        self._drop_held = drop_held
        self.hold_after = None
        self._open.set()

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} of {count} mails arrived")
            return list(self.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


class SMTPServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SMTPServer":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.mailbox.release()
        self.controller.stop()


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link(message: EmailMessage, kind: str) -> str:
    """The first /newsletter/<kind>/… address in a mail's text."""
    found = re.search(rf"https?://\S+/newsletter/{kind}/[^\s/]+/", text_of(message))
    assert found, f"no {kind} link in:\n{text_of(message)}"
    return found.group(0)
