"""`/search/`: the site's search results page (`home.search` ranks; this page shows them,
with the filters kept and a feed that follows the same search)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.models import Site

from home.search import KINDS, hits, parse_kind, ranked
from news.filter_names import filter_names
from news.filters import NewsFilters
from news.paging import paginate
from news.snippets import Category, PartnerProject

RESULTS_PER_PAGE = 12


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is configured for this host.")
    filters = NewsFilters.from_query(request.GET, strict=False)
    kind = parse_kind(request.GET.get("kind"))
    query = {**filters.as_query(), **({"kind": kind} if kind else {})}
    matches = ranked(site, filters, kind)
    listing = paginate(matches, RESULTS_PER_PAGE, request.GET.get("page"), query)
    context = {
        "listing": listing,
        "hits": hits(listing.page, site, filters.search or ""),
        "filters": filters,
        "filter_names": filter_names(filters, site=site),
        "kind": kind,
        "kinds": KINDS,
        "categories": Category.objects.all(),
        "projects": PartnerProject.objects.order_by("acronym"),
    }
    return render(request, "search.html", context)
