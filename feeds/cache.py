"""Validators for rendered feeds."""

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str
    last_modified: float
    valid_until: float


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
