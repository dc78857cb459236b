"""Where an import's items come from: a file or an address (fetched through the guard)."""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage

from network.fetch import FetchError, fetch
from network.guard import Refused
from network.refresh import user_agent

from .items import ImportItem
from .readers import ArchiveError, read_article, read_feed, read_wxr

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# An upload the admin stored for the worker: "stored:<name in the default storage>".
STORED = "stored:"


def items_for(kind: str, location: str) -> Iterable[ImportItem]:
    """The items of a source: `kind` is wxr, feed or urls (`location` then holds the
    addresses, one per line); a WXR or feed `location` is an address, a file or STORED."""
    if kind == "wxr":
        return read_wxr(load(location)[0])
    if kind == "feed":
        body, url, content_type = load(location)
        return read_feed(body, url=url, content_type=content_type)
    if kind == "urls":
        return article_items([line for line in location.split() if not line.startswith("#")])
    raise ArchiveError(f"unknown kind of source: {kind}")


def release(location: str) -> None:
    """An upload stored for one import is removed once it is read."""
    if location.startswith(STORED):
        default_storage.delete(location.removeprefix(STORED))


def load(location: str, *, accept: str = "") -> tuple[bytes, str, str]:
    """(body, address, content type) of a local file or a public address."""
    if location.startswith(("http://", "https://")):
        try:
            fetched = fetch(location, user_agent=user_agent(), accept=accept,
                            max_bytes=settings.IMPORT_MAX_PAGE_BYTES)  # fmt: skip
        except (FetchError, Refused) as error:
            raise ArchiveError(f"{location}: {error}") from error
        return fetched.body, fetched.url, fetched.content_type
    if location.startswith(STORED):
        with default_storage.open(location.removeprefix(STORED)) as stored:
            return stored.read(), "", ""
    path = Path(location)
    if not path.is_file():
        raise ArchiveError(f"{location}: no such file")
    return path.read_bytes(), path.resolve().as_uri(), ""


def article_items(urls: list[str]):
    """One item per address, fetched as the run reaches it (a failure is that item's)."""
    for url in urls:
        try:
            body, final_url, _ = load(url, accept=PAGE_ACCEPT)
        except ArchiveError as error:
            yield ImportItem(url, "", "", problem=str(error))
            continue
        item = read_article(body, url=final_url)
        item.original_url = url
        yield item
