"""`/api/v2/categories/` and `/api/v2/projects/`: snippets with their publishable news."""

from django.db.models import Count, Q

from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

from rest_framework.fields import CharField

from news.models import NewsPage
from news.snippets import Category, PartnerProject

from .fields import ClustersField, NewsCountField, NewsLinksField, WebsiteField
from .guards import GuardedFieldsFilter, PublicAPIMixin


class TaxonomyAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """Read-only listing and detail of a snippet, with its count of publishable news."""

    filter_backends = [GuardedFieldsFilter, OrderingFilter]
    meta_fields = ["type", "detail_url"]
    listing_default_fields = ["id", "type", "detail_url", "name", "slug", "news_count"]
    ordering = "name"

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        visible = NewsPage.objects.publishable(site=site).values("pk") if site else []
        return self.model.objects.annotate(
            news_count=Count("news_pages", filter=Q(news_pages__in=visible), distinct=True)
        ).order_by(self.ordering)


class CategoryAPIViewSet(TaxonomyAPIViewSet):
    model = Category
    name = "categories"
    body_fields = ["id", "name", "slug", "description", "news_count", "news"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {"news_count": NewsCountField(), "news": NewsLinksField("category")}

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = ["id", "name", "slug", "description"]
        if not db_fields_only:
            fields += ["type", "detail_url", "news_count", "news"]
        return fields


class PartnerProjectAPIViewSet(TaxonomyAPIViewSet):
    model = PartnerProject
    name = "projects"
    ordering = "acronym"
    listing_default_fields = [*TaxonomyAPIViewSet.listing_default_fields, "acronym", "website"]
    body_fields = [
        "id",
        "acronym",
        "name",
        "slug",
        "website",
        "description",
        "funding_programme",
        "grant_agreement",
        "funding_line",
        "clusters",
        "news_count",
        "news",
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("clusters")

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "news_count": NewsCountField(),
            "news": NewsLinksField("project"),
            "clusters": ClustersField(),
            "website": WebsiteField(),
            "funding_line": CharField(read_only=True),
        }

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = ["id", "acronym", "name", "slug", "website", "description", "funding_programme",
                  "grant_agreement"]  # fmt: skip
        if not db_fields_only:
            fields += ["type", "detail_url", "clusters", "news_count", "news", "funding_line"]
        return fields
