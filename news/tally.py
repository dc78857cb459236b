"""Listing totals that do not grow with the archive: live pages kept counted by the database.

`COUNT(*)` of what readers see reads every visible row: 48 ms at 100,000 stories against
3 ms at 1,000, paid by the first reader of every listing after each publish (the API
total, the Updates pages, the sitemap's sections). Yet a publish changes the total by one.

So the database keeps the number of live, non-alias pages per (content type, parent) in
`news_livepagetally`, by triggers on `wagtailcore_page` (migration news/0018): every way a
page changes (publish, unpublish, move, delete, alias made or converted, bulk updates,
raw SQL, `TRUNCATE` on PostgreSQL) changes the tally in the same transaction, so it can
neither drift nor be seen ahead of the rows. The visibility rule has two parts a trigger
cannot keep, because time or another table decides them; they are subtracted as read,
each from a short indexed set:

- pages past their expiry that nothing has unpublished yet (the `news_page_expiry` index
  holds only pages with an expiry);
- pages under a view restriction (restrictions are few; with none, nothing is read).

`visible_total()` is therefore exactly `publishable(…).count()` (tests compare the two
after every kind of change), in one query whatever the size (two more while some page
has a view restriction).
"""

from collections.abc import Iterable
from datetime import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Func, Max, Q, Subquery, Sum
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

from .visibility import is_expired, not_expired, publishable

STEP = Page.steplen  # a parent's path is its child's without the last step


class LivePageTally(models.Model):
    """How many live, non-alias pages of one type one parent holds; written only by the
    database's triggers (unmanaged: Django neither creates, flushes nor serialises it)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.DO_NOTHING, related_name="+")
    parent_path = models.CharField(max_length=255)
    live = models.IntegerField()

    class Meta:
        managed = False
        db_table = "news_livepagetally"

    def __str__(self) -> str:
        return f"{self.live} live under {self.parent_path}"


def visible_total(
    model: type[Page], *, site: Site | None, parent: Page | None = None, now: datetime | None = None
) -> int:
    """`publishable(model.objects, site=site)` (`.child_of(parent)` with `parent`) counted
    from the tally: the same number, in one query while no page has a view restriction.

    With restrictions it takes three reads, each at its own moment: a page published
    between them can leave the total one off, but only under the content version read
    before it (delivery.counts keeps totals per version), which that publish retires.
    """
    now = now or timezone.now()
    types = _content_types(model)
    if site is not None and parent is not None and not parent.path.startswith(site.root_page.path):
        # A parent outside the site has one child in it at most (a root that is its child).
        return publishable(model.objects.all(), site=site, now=now).child_of(parent).count()
    container = parent or (site.root_page if site is not None else None)
    tallies = LivePageTally.objects.filter(**types)
    pages = Page.objects.filter(live=True, alias_of__isnull=True, **types)
    if parent is not None:
        tallies = tallies.filter(parent_path=parent.path)
        pages = pages.filter(path__startswith=parent.path, depth=parent.depth + 1)
    elif container is not None:
        tallies = tallies.filter(parent_path__startswith=container.path)
        pages = pages.filter(path__startswith=container.path, depth__gt=container.depth)
    # The subtractions ride along as scalar subqueries (MAX of a constant: with no tally
    # row in scope there is nothing to subtract from, and nothing to subtract).
    kept = tallies.aggregate(
        live=Sum("live"),
        expired=Max(_counted(pages.filter(expire_at__lte=now))),
        restrictions=Max(_counted(PageViewRestriction.objects.all())),
    )
    total = (kept["live"] or 0) - (kept["expired"] or 0)
    root_counts = parent is None and container is not None and _counts(container, types, now)
    # With no tally row in scope the restrictions were not read: only the root may count.
    if kept["restrictions"] or (root_counts and kept["live"] is None):
        restricted = _outermost(PageViewRestriction.objects.values_list("page__path", flat=True))
        if container is not None and any(container.path.startswith(p) for p in restricted):
            return 0  # the whole listing is behind a restriction
        inside = [p for p in restricted if container is None or p.startswith(container.path)]
        if inside:
            under_restriction = Q()
            for path in inside:
                under_restriction |= Q(path__startswith=path)
            total -= pages.filter(not_expired(now)).filter(under_restriction).count()
    if root_counts:
        total += 1  # the site's root page itself, if it is such a page
    return total


def _counted(queryset) -> Subquery:
    """`queryset`'s COUNT(*) as a scalar subquery."""
    return Subquery(queryset.order_by().values(n=Func("pk", function="COUNT")))


def _content_types(model: type[Page]) -> dict:
    """The filter for `model` and its subclasses' pages (none for `Page`: every page)."""
    if model is Page:
        return {}
    kinds = [m for m in apps.get_models() if issubclass(m, model) and not m._meta.abstract]
    return {"content_type__in": [c.pk for c in ContentType.objects.get_for_models(*kinds).values()]}


def _outermost(paths: Iterable[str]) -> list[str]:
    """Restricted paths, without those inside another (their pages are counted once)."""
    outermost: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(outer) for outer in outermost):
            outermost.append(path)
    return outermost


def _counts(page: Page, types: dict, now: datetime) -> bool:
    """Whether the tally's rule and the rest of the visibility rule let `page` be counted."""
    of_type = not types or page.content_type_id in types["content_type__in"]
    return of_type and page.live and page.alias_of_id is None and not is_expired(page, now)
