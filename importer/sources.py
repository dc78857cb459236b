"""Where an import's items come from: a file or an address (fetched through the guard)."""

from pathlib import Path

from django.conf import settings

from network.fetch import FetchError, fetch
from network.guard import Refused
from network.refresh import user_agent

from .items import ImportItem
from .readers import ArchiveError, read_article, read_feed, read_wxr

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


def load(location: str, *, accept: str = "") -> tuple[bytes, str, str]:
    """(body, address, content type) of a local file or a public address."""
    if location.startswith(("http://", "https://")):
        try:
            fetched = fetch(location, user_agent=user_agent(), accept=accept,
                            max_bytes=settings.IMPORT_MAX_PAGE_BYTES)  # fmt: skip
        except (FetchError, Refused) as error:
            raise ArchiveError(f"{location}: {error}") from error
        return fetched.body, fetched.url, fetched.content_type
    path = Path(location)
    if not path.is_file():
        raise ArchiveError(f"{location}: no such file")
    return path.read_bytes(), path.resolve().as_uri(), ""


def wxr_items(location: str) -> list[ImportItem]:
    body, _, _ = load(location)
    return read_wxr(body)


def feed_items(location: str) -> list[ImportItem]:
    body, url, content_type = load(location)
    return read_feed(body, url=url, content_type=content_type)


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
