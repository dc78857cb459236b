"""Admin registration of the news snippets, with listing search and filters."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Category, Cluster, PartnerProject


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
