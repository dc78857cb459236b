"""One way to page a listing (updates, events, the network river) for readers.

A mistyped or too-large `?page=` shows the nearest real page, as the filters forgive
mistyped values; the title and canonical address then name the page actually shown, so
every page of a listing has its own, and no two addresses claim the same content.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# The last ordering term that makes an order total (no two rows tie), so the order read
# backwards is exactly this one reversed.
UNIQUE_ORDER_TERMS = {"pk", "-pk", "id", "-id"}


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


CountKeeper = Callable[[str, Callable[[], int]], int]
_keepers: list[CountKeeper] = []


def keep_counts(keeper: CountKeeper) -> CountKeeper:
    """Let a higher floor keep listing totals (delivery keeps them per content version):
    `keeper(key, count)` answers the total for `key`, calling `count()` when it must."""
    _keepers[:] = [keeper]
    return keeper


def counted(key: str, count: Callable[[], int]) -> int:
    return _keepers[0](key, count) if _keepers else count()


def read_window(queryset: QuerySet, start: int, stop: int, total: int) -> Sequence:
    """Rows `start` to `stop` of an ordered listing of `total` rows, read from its nearer end.

    A database reaches row N of an order by walking N rows: the last page of 100,000
    stories walked them all (464 ms on PostgreSQL, against 0.2 ms for the first). Read in
    the reverse order, the second half of a listing is as near as the first. Only for a
    total order (ending in the primary key), whose reverse is exactly the reversed rows.
    """
    stop = min(stop, total)
    order = queryset.query.order_by
    if start >= stop or total - stop >= start or not order or order[-1] not in UNIQUE_ORDER_TERMS:
        return queryset[start:stop]
    rows = list(queryset.reverse()[total - stop : total - start])
    rows.reverse()
    return rows


class KeptCount:
    """A queryset for the paginator whose total is kept under `key` (see `keep_counts`);
    pages are read from the queryset itself, from the listing's nearer end. `count` says
    how to count it when the total must be counted (the queryset's COUNT by default; an
    unfiltered listing's from the live-page tally, news.tally)."""

    def __init__(self, queryset: QuerySet, key: str, count: Callable[[], int] | None = None):
        self.queryset, self.key = queryset, key
        self._count = count or queryset.count
        self._total: int | None = None

    def count(self) -> int:
        if self._total is None:
            self._total = counted(self.key, self._count)
        return self._total

    def __getitem__(self, window: slice):
        return read_window(self.queryset, window.start or 0, window.stop, self.count())


def paginate(
    items: Sequence, per_page: int, number: str | None, filters: dict[str, str]
) -> Listing:
    """Page `number` of `items` (the nearest real page if it is not one), for `filters`."""
    return Listing(Paginator(items, per_page).get_page(number), filters)
