"""The filters of a listing or a feed as readers say them: "PASSENGER, Research, tagged
magnets". The listing page, its feeds' titles and their autodiscovery links share it, so a
filtered view and the feed that follows it carry the same name."""

from collections.abc import Mapping

from django.utils.dateformat import format as format_date
from django.utils.formats import get_format

from wagtail.models import Site

from .filters import NewsFilters
from .snippets import Category, PartnerProject


def filter_names(
    filters: NewsFilters, *, site: Site, known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """{filter: name} for the project, category and tag filters in use: one small query
    for each not already `known`; the slug itself when it names nothing. A tag is named
    only while a story readers can see carries it (the visibility rule): a draft's tag
    stays the slug that was typed."""
    from .models import NewsPage

    named = {
        "project": lambda: PartnerProject.objects.values_list("acronym", flat=True),
        "category": lambda: Category.objects.values_list("name", flat=True),
        "tag": lambda: (
            NewsPage.objects.publishable(site=site).used_tags().values_list("name", flat=True)
        ),
    }
    names = dict(known or {})
    for kind, names_of in named.items():
        slug = getattr(filters, kind)
        if slug and kind not in names:
            names[kind] = names_of().filter(slug=slug).first() or slug
    return names


def describe(filters: NewsFilters, names: Mapping[str, str]) -> str:
    """The filters in words, most specific first; empty when nothing is filtered."""
    parts = [names[kind] for kind in ("project", "category") if getattr(filters, kind)]
    if filters.tag:
        parts.append(f"tagged {names['tag']}")
    if filters.search:
        parts.append(f"“{filters.search}”")
    date_format = get_format("DATE_FORMAT")
    if filters.date_from:
        parts.append(f"from {format_date(filters.date_from, date_format)}")
    if filters.date_to:
        parts.append(f"until {format_date(filters.date_to, date_format)}")
    return ", ".join(parts)


def titled(title: str, filters: NewsFilters, names: Mapping[str, str]) -> str:
    """A listing's or feed's title with its filters: "Updates — PASSENGER"."""
    description = describe(filters, names)
    return f"{title} — {description}" if description else title
