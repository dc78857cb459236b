"""Wagtail hooks of the news app: snippet admin, and expiry on the HTML serve path."""

from django.http import Http404

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Category, Cluster, PartnerProject
from .visibility import is_expired


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = "Categories"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class PartnerProjectViewSet(SnippetViewSet):
    model = PartnerProject
    icon = "group"
    menu_label = "Partner projects"
    list_display = ["acronym", "name", "funding_programme", "website"]
    list_filter = ["funding_programme", "clusters"]
    search_fields = ["acronym", "name", "description"]


class ClusterViewSet(SnippetViewSet):
    model = Cluster
    icon = "site"
    menu_label = "Clusters"
    list_display = ["name", "website"]
    search_fields = ["name", "description"]


class NewsReferenceDataGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, PartnerProjectViewSet, ClusterViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "News data"
    menu_name = "news-data"


register_snippet(NewsReferenceDataGroup)


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """An expired page is gone from HTML at once, as from every other output, even
    before anything unpublishes it."""
    if is_expired(page):
        raise Http404("This page has expired.")
