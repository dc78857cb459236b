"""API fields of a news page: complete, render-ready, and built from prefetched rows.

Each field reads the `BodyReferences` the view primed for the whole result page
(`context["references"]`), so the number of queries does not grow with the page size.
"""

from rest_framework.fields import Field

from .references import BodyReferences


def references_for(field: Field, page) -> BodyReferences:
    context = field.context
    references = context.get("references")
    if references is None:
        references = BodyReferences([page], base_url=page.get_site().root_url)
        context["references"] = references
    return references


class BodyField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return references_for(self, page).body(page)


class HeroImageField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return references_for(self, page).hero(page)


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


class FeedLinksField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        from feeds.links import feed_links_for_page

        return feed_links_for_page(page, base_url=references_for(self, page).base_url)
