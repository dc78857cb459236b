"""Admin views of the news floor."""

from django.http import HttpRequest, HttpResponse

from wagtail.admin.views.chooser import BrowseView

from .models import NewsIndexPage

ANY_PAGE_TYPES = {"", "wagtailcore.page"}


class ChooserOpensAtUpdates(BrowseView):
    """Wagtail's page chooser, opening at the Updates index when it is asked for any page
    (links and calls to action mostly point at other updates) instead of at the root.
    A chooser for one page type (an event) keeps Wagtail's own start, the pages'
    nearest common parent; the breadcrumb still leads anywhere."""

    def get(self, request: HttpRequest, parent_page_id: int | None = None) -> HttpResponse:
        if parent_page_id is None and request.GET.get("page_type", "") in ANY_PAGE_TYPES:
            updates = NewsIndexPage.objects.order_by("path").values_list("pk", flat=True).first()
            parent_page_id = updates
        return super().get(request, parent_page_id)
