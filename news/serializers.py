"""API fields of a news page that the stock serializers would load row by row.

The view loads the `References` of the whole result page once (`context["references"]`),
so the number of queries does not grow with the page size. The body needs no field here:
its block stream represents itself through Wagtail's `get_api_representation`.
"""

from rest_framework.fields import Field

from .references import References, site_root_url
from .sanitize import safe_web_url


def references_for(field: Field, page) -> References:
    references = field.context.get("references")
    if references is None:
        references = References.for_pages([page], base_url=site_root_url(page=page))
        field.context["references"] = references
    return references


class HeroImageField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page.hero(references_for(self, page))


class ClassificationField(Field):
    """Reads the page's `classification` (prefetched rows, read once per page).

    Wagtail's TagsField would re-query per page (wagtail#6044)."""

    def get_attribute(self, instance):
        return instance


class TagsField(ClassificationField):
    def to_representation(self, page):
        return [{"name": tag.name, "slug": tag.slug} for tag in page.classification.tags]


class CategoriesField(ClassificationField):
    def to_representation(self, page):
        return [
            {"id": c.pk, "name": c.name, "slug": c.slug} for c in page.classification.categories
        ]


class ProjectsField(ClassificationField):
    def to_representation(self, page):
        return [
            {
                "id": p.pk,
                "acronym": p.acronym,
                "name": p.name,
                "slug": p.slug,
                "website": safe_web_url(p.website),
                "funding": p.funding_line,
            }
            for p in page.classification.projects
        ]


class EventLinkField(Field):
    """The event a story reports on: its id, title and page, if readers can see it."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        if page.event_id is None:
            return None
        url = references_for(self, page).page_url(page.event_id)
        if url is None:
            return None
        return {"id": page.event_id, "url": url}
