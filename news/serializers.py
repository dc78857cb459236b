"""API fields of a news page that the stock serializers would load row by row.

The view loads the `References` of the whole result page once (`context["references"]`),
so the number of queries does not grow with the page size. The body needs no field here:
its block stream represents itself through Wagtail's `get_api_representation`.
"""

from rest_framework.fields import Field

from .references import References, site_root_url


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


class PrefetchedTagsField(Field):
    """Tags from prefetched rows; Wagtail's TagsField re-queries per page (wagtail#6044)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        tags = sorted((item.tag for item in page.tagged_items.all()), key=lambda t: t.name)
        return [{"name": tag.name, "slug": tag.slug} for tag in tags]


class CategoriesField(Field):
    def to_representation(self, manager):
        return [
            {"id": c.pk, "name": c.name, "slug": c.slug}
            for c in sorted(manager.all(), key=lambda c: c.name)
        ]


class ProjectsField(Field):
    def to_representation(self, manager):
        return [
            {
                "id": p.pk,
                "acronym": p.acronym,
                "name": p.name,
                "slug": p.slug,
                "website": p.website,
            }
            for p in sorted(manager.all(), key=lambda p: p.acronym)
        ]
