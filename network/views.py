"""`/network/`: the river as a page, newest first, filtered by project, paginated."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.models import Site

from news.cards import news_cards
from news.filters import NewsFilters
from news.paging import paginate
from news.snippets import PartnerProject

from .river import river, river_count

# A multiple of 6, so the grid of 1, 2 or 3 columns ends on a full row (site.css).
PER_PAGE = 24
MAX_PAGES = 50  # the river's depth on the page: older news lives on each source's site


class _River:
    """What Django's Paginator needs, without loading more than one page of the river."""

    def __init__(self, site: Site, filters: NewsFilters):
        self.site, self.filters = site, filters

    def count(self) -> int:
        shown = PER_PAGE * MAX_PAGES
        return min(river_count(self.site, self.filters, at_most=shown), shown)

    def __getitem__(self, window: slice):
        return river(self.site, self.filters, limit=window.stop - window.start,
                     offset=window.start).entries  # fmt: skip


@require_safe
def network_page(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host.")
    filters = NewsFilters(project=NewsFilters.from_query(request.GET, strict=False).project)
    listing = paginate(_River(site, filters), PER_PAGE, request.GET.get("page"), filters.as_query())
    stories = [entry.story for entry in listing.page if entry.story is not None]
    cards = {card["page"].pk: card for card in news_cards(stories, base_url=site.root_url)}
    context = {
        "listing": listing,
        "entries": [
            (entry, cards.get(entry.story.pk) if entry.story else None) for entry in listing.page
        ],  # fmt: skip
        "filters": filters,
        "projects": PartnerProject.objects.order_by("acronym"),
    }
    return render(request, "network/river.html", context)
