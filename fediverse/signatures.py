"""HTTP Signatures as Mastodon sends and checks them (draft-cavage-http-signatures, rsa-sha256),
through `httpsig`, the draft's Python implementation (signing, reading the header, the
signed text), with pycryptodome's RSA check.

Outgoing: every request is signed by one of our accounts' keys over `(request-target)`,
`host` and `date`, plus `digest` (SHA-256 of the body) and `content-type` when there is a
body. Incoming: `verify()` checks what httpsig does not: which headers the signature must
cover, that the `Date` is within FEDIVERSE_MAX_CLOCK_SKEW_SECONDS of ours, and that the
`Digest` is the body's. The key itself is found by the caller (fediverse.remote).
"""

import base64
import email.utils
import functools
import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from Crypto.Hash import SHA256
from Crypto.PublicKey import RSA
from Crypto.Signature import pkcs1_15
from httpsig.sign import HeaderSigner
from httpsig.utils import generate_message, parse_signature_header

SIGNED_ON_GET = ["(request-target)", "host", "date", "accept"]
SIGNED_WITH_BODY = ["(request-target)", "host", "date", "digest", "content-type"]
REQUIRED = {"(request-target)", "host", "date"}
BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
# "hs2019" names no algorithm: the key's type decides, and our keys and Mastodon's are RSA.
ALGORITHMS = {"rsa-sha256": "rsa-sha256", "hs2019": "rsa-sha256"}


class SignatureError(Exception):
    """An incoming request whose signature cannot be accepted; the message says why."""


@dataclass(frozen=True)
class Claimed:
    """What a request's Signature header claims, before the key is known."""

    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    signature: str

    @property
    def key_host(self) -> str:
        return (urlsplit(self.key_id).hostname or "").lower()


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(moment: float | None = None) -> str:
    return email.utils.formatdate(moment if moment is not None else time.time(), usegmt=True)


def sign(method: str, url: str, headers: dict, *, key_id: str, private_key: str) -> dict:
    """`headers` with Date (if missing) and Signature added; a request with a body must
    carry its Digest and Content-Type already."""
    headers = {**headers}
    headers.setdefault("Date", http_date())
    covered = SIGNED_WITH_BODY if "Digest" in headers else SIGNED_ON_GET
    covered = [name for name in covered if name.startswith("(") or _has(headers, name)]
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    signed = _signer(key_id, private_key, tuple(covered)).sign(headers, method=method, path=path)
    return {**headers, "Signature": signed["signature"]}


@functools.lru_cache(maxsize=64)
def _signer(key_id: str, private_key: str, covered: tuple[str, ...]) -> HeaderSigner:
    """One signer per key and set of headers, kept: reading a private key checks it (about
    30 ms), which would otherwise be paid by every delivery."""
    return HeaderSigner(
        key_id, private_key, algorithm="rsa-sha256", headers=list(covered), sign_header="signature"
    )


def claimed(signature_header: str) -> Claimed:
    """The parts of a Signature header; SignatureError if it lacks any or covers too little."""
    if not signature_header:
        raise SignatureError("the request is not signed")
    try:
        fields = {
            name.lower(): value for name, value in parse_signature_header(signature_header).items()
        }
    except (ValueError, IndexError) as error:
        raise SignatureError("the Signature header cannot be read") from error
    key_id, signature = fields.get("keyid", ""), fields.get("signature", "")
    algorithm = ALGORITHMS.get(fields.get("algorithm", "hs2019").lower())
    if not key_id or not signature or not key_id.startswith(("https://", "http://")):
        raise SignatureError("the signature names no key or carries no signature")
    if any(character in key_id for character in '",\\ ') or not BASE64.fullmatch(signature):
        raise SignatureError("the Signature header cannot be read")
    if algorithm is None:
        raise SignatureError("the signature's algorithm is not rsa-sha256")
    headers = tuple(fields.get("headers", "date").lower().split())
    if missing := REQUIRED - set(headers):
        raise SignatureError(f"the signature does not cover {', '.join(sorted(missing))}")
    return Claimed(key_id, algorithm, headers, signature)


def check_freshness(headers, body: bytes | None, claim: Claimed) -> None:
    """The Date is recent (a replay of an old request is refused) and the Digest is the
    body's (a signed request cannot carry another body)."""
    try:
        sent = email.utils.parsedate_to_datetime(headers.get("Date", "")).timestamp()
    except (TypeError, ValueError) as error:
        raise SignatureError("the request has no readable Date") from error
    if abs(time.time() - sent) > settings.FEDIVERSE_MAX_CLOCK_SKEW_SECONDS:
        raise SignatureError("the request's Date is too far from now")
    if body is not None:
        if "digest" not in claim.headers:
            raise SignatureError("the signature does not cover the body's Digest")
        parts = (part.partition("=") for part in headers.get("Digest", "").split(","))
        given = {name.strip().lower(): value.strip() for name, _, value in parts}
        if given.get("sha-256") != digest(body).split("=", 1)[1]:
            raise SignatureError("the Digest is not the body's")


def verify(headers, *, method: str, path: str, claim: Claimed, public_key: str) -> None:
    """SignatureError unless `claim`'s signature over these headers is `public_key`'s.

    The signed text is rebuilt from the headers the claim names (httpsig's
    `generate_message`) and checked as RSASSA-PKCS1-v1_5 with SHA-256, the one algorithm
    accepted: nothing in the request can choose another (an HMAC keyed with the public
    key, say).
    """
    try:
        message = generate_message(list(claim.headers), dict(headers.items()), None, method, path)
        signature = base64.b64decode(claim.signature, validate=True)
    except Exception as error:  # httpsig raises a bare Exception for a missing header
        raise SignatureError("the signature cannot be checked") from error
    try:
        pkcs1_15.new(_public_key(public_key)).verify(SHA256.new(message), signature)
    except (ValueError, TypeError) as error:
        raise SignatureError("the signature does not match the key") from error


@functools.lru_cache(maxsize=256)
def _public_key(pem: str) -> RSA.RsaKey:
    try:
        return RSA.import_key(pem)
    except (ValueError, IndexError, TypeError) as error:
        raise SignatureError("the signing key is not an RSA key") from error


def _has(headers: dict, name: str) -> bool:
    return any(key.lower() == name for key in headers)
