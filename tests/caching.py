"""Reads that find nothing cached, for tests that count what a cold answer costs."""

from django.core.cache import cache
from django.test import Client


def cold_get(path: str, params: dict | None = None, **headers):
    """GET `path` with the shared cache emptied, from a server process that holds no copy
    of its own (a new client builds a new middleware chain, with empty local copies)."""
    cache.clear()
    return Client().get(path, params or {}, **headers)
