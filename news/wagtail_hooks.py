"""Wagtail hooks of the news app: snippet admin, and expiry on the HTML serve path."""

from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html_join

from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail.features import PluginFeature
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .html_blocks import PASTE_SCRIPTS_FEATURE
from .models import NewsPage
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


class UpdatesIndexView(IndexView):
    """Every update, newest publication date first, with its categories in one query."""

    default_ordering = "-date"

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).prefetch_related("categories")


class UpdatesViewSet(PageListingViewSet):
    """ "Updates" in the admin menu: every news page flat, wherever it lives, with the
    columns an editor looks for (publication date, status, categories)."""

    model = NewsPage
    icon = "doc-full-inverse"
    menu_label = "Updates"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = UpdatesIndexView
    columns = [
        *(c for c in PageListingViewSet.columns if c.name in {"bulk_actions", "title"}),
        Column("date", label="Publication date", sort_key="date", width="14%"),
        *(c for c in PageListingViewSet.columns if c.name == "status"),
        Column(
            "categories",
            label="Categories",
            accessor=lambda page: ", ".join(c.name for c in page.categories.all()),
        ),
        *(c for c in PageListingViewSet.columns if c.name == "latest_revision_created_at"),
    ]


@hooks.register("register_admin_viewset")
def register_updates_listing():
    return UpdatesViewSet("updates")


EDITOR_SCRIPTS = (
    "news/admin/character_count.js",
    "news/admin/autosave_guard.js",
    "news/admin/paste_article.js",
    "news/admin/schedule_guard.js",
)


@hooks.register("register_rich_text_features")
def register_paste_scripts(features) -> None:
    """Pasted sub- and superscript keep their position in a paragraph (Draft.js alone
    reads neither from a clipboard): a Draftail plugin, on in PARAGRAPH_EDITOR_FEATURES."""
    features.register_editor_plugin(
        "draftail",
        PASTE_SCRIPTS_FEATURE,
        PluginFeature({"type": PASTE_SCRIPTS_FEATURE}, js=["news/admin/paste_scripts.js"]),
    )


@hooks.register("insert_editor_js")
def editor_scripts() -> str:
    return format_html_join(
        "", '<script src="{}"></script>', ((static(s),) for s in EDITOR_SCRIPTS)
    )


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """An expired page is gone from HTML at once, as from every other output, even
    before anything unpublishes it."""
    if is_expired(page):
        raise Http404("This page has expired.")
