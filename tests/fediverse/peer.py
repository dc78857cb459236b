"""An independent fediverse server for the tests: one account with an RSA key, a shared
inbox that records what it is sent, and HTTP Signatures made and checked with bovine, a
fediverse library the hub does not use (the hub signs with httpsig), so a test passes
only if both sides agree on the draft as Mastodon speaks it.
"""

import email.utils
import json
from urllib.parse import urlsplit

import requests
from bovine.crypto.helper import content_digest_sha256
from bovine.crypto.http_signature import HttpSignature
from bovine.crypto.signature import Signature
from bovine.crypto.types import CryptographicIdentifier, CryptographicSecret
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.servers import Received, RecordingServer, Reply

ACTIVITY_JSON = "application/activity+json"
SIGNED = ("(request-target)", "host", "date", "digest", "content-type")


def pem_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


class Peer:
    """`with Peer() as peer:` a server on loopback with the account `alice`."""

    def __init__(self, username: str = "alice", replies: list[Reply] | None = None):
        self.username = username
        self.extra_headers: dict = {}  # say, X-Forwarded-Proto for a site behind a proxy
        self.private_key, self.public_key = pem_pair()
        self.server = RecordingServer(
            replies or [Reply(202)], routes={f"/users/{username}": self._actor_reply}
        )

    def __enter__(self) -> "Peer":
        self.server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)

    @property
    def actor_id(self) -> str:
        return f"{self.server.url}/users/{self.username}"

    @property
    def key_id(self) -> str:
        return self.actor_id + "#main-key"

    @property
    def shared_inbox(self) -> str:
        return f"{self.server.url}/inbox"

    def actor(self) -> dict:
        return {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.actor_id,
            "type": "Person",
            "preferredUsername": self.username,
            "inbox": f"{self.actor_id}/inbox",
            "endpoints": {"sharedInbox": self.shared_inbox},
            "publicKey": {"id": self.key_id, "owner": self.actor_id,
                          "publicKeyPem": self.public_key},
        }  # fmt: skip

    def _actor_reply(self, headers) -> Reply:
        return Reply(200, json.dumps(self.actor()).encode(), {"Content-Type": ACTIVITY_JSON})

    def post(
        self,
        url: str,
        document: dict,
        *,
        date: str | None = None,
        signed: bool = True,
        body: bytes | None = None,
        private_key: str | None = None,
        key_id: str | None = None,
    ) -> requests.Response:
        """POST an activity signed as Mastodon signs it (or not); `body` sends other bytes
        than the ones signed, `private_key` signs with another key than the account's,
        `key_id` names another key than the account's."""
        signed_body = json.dumps(document).encode()
        parts = urlsplit(url)
        headers = {
            "Content-Type": ACTIVITY_JSON,
            "Date": date or email.utils.formatdate(usegmt=True),
            "Digest": content_digest_sha256(signed_body, prefix="SHA-256"),
        }
        if signed:
            message = (
                HttpSignature()
                .with_field("(request-target)", f"post {parts.path}")
                .with_field("host", parts.netloc)
                .with_field("date", headers["Date"])
                .with_field("digest", headers["Digest"])
                .with_field("content-type", headers["Content-Type"])
            )
            secret = CryptographicSecret.from_pem(
                key_id or self.key_id, private_key or self.private_key
            )
            headers["Signature"] = message.sign_for_http_draft(secret)
        headers.update(self.extra_headers)
        return requests.post(url, data=body or signed_body, headers=headers, timeout=20)

    def get(self, url: str, accept: str = ACTIVITY_JSON) -> requests.Response:
        return requests.get(url, headers={"Accept": accept, **self.extra_headers}, timeout=20)

    def deliveries(self, count: int, timeout: float = 20) -> list[Received]:
        """The first `count` POSTs to this server's inboxes."""
        self.server.wait_for(1, timeout)
        return self.server.wait_for(count, timeout)

    def posted(self) -> list[Received]:
        return [r for r in self.server.received if r.method == "POST"]

    @staticmethod
    def verified_by(received: Received, public_key: str, owner: str) -> bool:
        """The delivery is signed by `public_key` over the headers Mastodon requires, and
        its Digest is its body's."""
        headers = {name.lower(): value for name, value in received.headers.items()}
        signature = Signature.from_signature_header(headers["signature"])
        if not set(SIGNED) <= set(signature.fields):
            return False
        if headers["digest"] != content_digest_sha256(received.body, prefix="SHA-256"):
            return False
        message = HttpSignature()
        for name in signature.fields:
            value = (
                f"{received.method.lower()} {received.path}"
                if name == "(request-target)"
                else headers[name]
            )
            message.with_field(name, value)
        identifier = CryptographicIdentifier.from_pem(public_key, owner)
        return message.verify_with_identity(identifier, signature.signature) == owner
