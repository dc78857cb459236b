"""Signed links: confirmation links that expire, and a lasting link to manage or end a
subscription. Both name the subscriber's key, never the address."""

from dataclasses import dataclass

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


def confirmation_token(key: str, topics: list[str]) -> str:
    """The topics asked for ride in the link: confirming applies exactly them."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"k": key, "t": topics})


def read_confirmation(token: str) -> Confirmation:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        data = signer.unsign_object(token, max_age=settings.NEWSLETTER_CONFIRM_HOURS * 3600)
    except signing.SignatureExpired as error:
        raise InvalidLink("This confirmation link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("This confirmation link is not valid.") from error
    return Confirmation(key=str(data["k"]), topics=[str(t) for t in data["t"]])


def manage_token(key: str) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(key)


def read_manage_token(token: str) -> str:
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidLink("This link is not valid.") from error
