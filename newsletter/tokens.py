"""Signed links: confirmation links that expire, and a lasting link to manage or end a
subscription. Both name the subscriber's key, never the address."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


class InvalidLink(Exception):
    """A link that was tampered with, has expired, or names nobody any more."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Confirmation:
    key: str
    topics: list[str]
    issued_at: datetime | None  # None for links made before issue times were recorded


def confirmation_token(key: str, topics: list[str]) -> str:
    """The topics asked for ride in the link: confirming applies exactly them. The link
    says when it was made, so an unsubscribe can void every link made before it."""
    issued = time.time()
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"k": key, "t": topics, "i": issued}
    )


def read_confirmation(token: str) -> Confirmation:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        data = signer.unsign_object(token, max_age=settings.NEWSLETTER_CONFIRM_HOURS * 3600)
    except signing.SignatureExpired as error:
        raise InvalidLink("This confirmation link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("This confirmation link is not valid.") from error
    issued = data.get("i")
    issued_at = datetime.fromtimestamp(issued, tz=UTC) if isinstance(issued, int | float) else None
    return Confirmation(key=str(data["k"]), topics=[str(t) for t in data["t"]], issued_at=issued_at)


def manage_token(key: str) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(key)


def read_manage_token(token: str) -> str:
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidLink("This link is not valid.") from error
