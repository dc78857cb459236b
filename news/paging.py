"""One way to page a listing (updates, events, the network river) for readers.

A mistyped or too-large `?page=` shows the nearest real page, as the filters forgive
mistyped values; the title and canonical address then name the page actually shown, so
every page of a listing has its own, and no two addresses claim the same content.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap of an elided range ("…")
    query: str
    current: bool


@dataclass(frozen=True)
class Listing:
    page: Page
    filters: dict[str, str]

    def query(self, number: int) -> str:
        """The query string of page `number` with these filters ("" on an unfiltered first page)."""
        params = {**self.filters, **({"page": str(number)} if number > 1 else {})}
        return f"?{urlencode(params)}" if params else ""

    @property
    def canonical_query(self) -> str:
        return self.query(self.page.number)

    @property
    def links(self) -> list[PageLink]:
        numbers = self.page.paginator.get_elided_page_range(
            self.page.number, on_each_side=2, on_ends=1
        )
        return [
            PageLink(None, "", False)
            if number == Paginator.ELLIPSIS
            else PageLink(number, self.query(number), number == self.page.number)
            for number in numbers
        ]

    @property
    def previous_query(self) -> str | None:
        return self.query(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_query(self) -> str | None:
        return self.query(self.page.next_page_number()) if self.page.has_next() else None


def paginate(
    items: Sequence, per_page: int, number: str | None, filters: dict[str, str]
) -> Listing:
    """Page `number` of `items` (the nearest real page if it is not one), for `filters`."""
    return Listing(Paginator(items, per_page).get_page(number), filters)
