"""The accounts' RSA keys (HTTP Signatures, rsa-sha256, as Mastodon signs)."""

from Crypto.PublicKey import RSA

KEY_BITS = 2048


def new_key_pair() -> tuple[str, str]:
    """(private PEM, public PEM); made once, when an account is created (half a second)."""
    key = RSA.generate(KEY_BITS)
    return key.export_key().decode(), key.publickey().export_key().decode()
