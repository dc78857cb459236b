"""News index and news pages: the structured content editors write."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple, Textarea
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from . import serializers
from .blocks import NewsBodyBlock
from .cards import news_cards
from .filter_names import filter_names
from .filters import NewsFilters
from .forms import StoryPageForm
from .image_credits import CREDIT_MAX_LENGTH, ImageCredit  # noqa: F401 - ImageCredit: a model
from .paging import KeptCount, paginate
from .preview import HeadlessPreviewMixin
from .publication import publication_moment
from .querysets import NewsPageManager
from .references import References, Wanted, site_root_url
from .renditions import HERO_RENDITIONS, LOGO_RENDITIONS
from .snippets import Category, PartnerProject, funding_statement
from .tally import LivePageTally, visible_total  # noqa: F401 - LivePageTally: a model
from .text import strip_xml_illegal

# Cards sit in a grid of 1, 2 or 3 columns (site.css): a multiple of 6 fills every row.
NEWS_PER_INDEX_PAGE = 12


class NewsIndexPage(Page):
    """The 'Updates' listing: every news page lives directly under one of these."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "news index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = NewsFilters.from_query(request.GET, strict=False)
        site = self.get_site()
        pages = (
            NewsPage.objects.publishable(site=site)
            .filtered(filters)
            .without_bodies()
            .child_of(self)
        )
        query = filters.as_query()
        counted = KeptCount(
            pages,
            key=f"updates:{site.pk if site else ''}:{self.pk}:{query}",
            count=None if filters else partial(visible_total, NewsPage, site=site, parent=self),
        )
        listing = paginate(counted, NEWS_PER_INDEX_PAGE, request.GET.get("page"), query)
        context["listing"] = listing
        context["cards"] = news_cards(listing.page, base_url=site.root_url)
        context["filters"] = filters
        context["categories"] = list(Category.objects.all())
        context["projects"] = list(PartnerProject.objects.all())
        context["filter_names"] = filter_names(filters, site=site)
        return context


@dataclass(frozen=True)
class Classification:
    categories: tuple
    projects: tuple
    tags: tuple


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


def _today():
    return timezone.localdate()


class StoryPage(HeadlessPreviewMixin, Page):
    """What a news story and an event share: a summary, a hero image, a body of blocks and
    a stable feed id; how they say what they reference, represent and render themselves.

    Concrete pages add their own categories, projects and tags (`classification` reads
    them) and their own fields.
    """

    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences (at most 300 characters) for listings, feeds and "
        "search results.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the story and in link previews.",
    )
    hero_alt_text = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Empty: the image's own "
        "description from the image library.",
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    hero_credit = models.CharField(
        "hero image credit",
        max_length=CREDIT_MAX_LENGTH,
        blank=True,
        help_text="Photographer or owner. Empty: the image's own credit from the image library.",
    )
    body = StreamField(NewsBodyBlock(), blank=True)
    # The id of this item in feeds and calendars: fixed at creation, so it survives title
    # and slug edits, moves and a dump and restore; a copy gets a fresh one (see
    # exclude_fields_in_copy). Not unique: an alias mirrors its source's fields, and
    # aliases never reach a feed.
    feed_guid = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)

    hero_panels = [
        FieldPanel(
            "summary",
            widget=Textarea(attrs={"rows": 3}),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading="Hero image",
        ),
    ]
    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("projects", widget=CheckboxSelectMultiple),
            ],
            heading="Classification",
        ),
    ]
    # The admin's page search uses autocomplete, so the body is an autocomplete field too:
    # editors find a story by any word in it, not just by its title.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.AutocompleteField("body"),
    ]
    story_api_fields = [
        APIField("summary"),
        APIField("last_published_at"),
        APIField("hero_image", serializer=serializers.HeroImageField()),
        APIField("body"),
        APIField("categories", serializer=serializers.CategoriesField()),
        APIField("tags", serializer=serializers.TagsField()),
        APIField("projects", serializer=serializers.ProjectsField()),
    ]
    exclude_fields_in_copy = ["feed_guid"]
    base_form_class = StoryPageForm

    class Meta:
        abstract = True

    # Set by the editor's form while a draft is saved (see news/forms.py).
    defers_publication_rules = False

    def clean(self):
        super().clean()
        self.title = strip_xml_illegal(self.title)
        self.summary = strip_xml_illegal(self.summary)
        self.hero_alt_text = strip_xml_illegal(self.hero_alt_text.strip())
        self.hero_credit = strip_xml_illegal(self.hero_credit.strip())
        if not self.defers_publication_rules and (errors := self.publication_errors()):
            raise ValidationError(errors)

    def publication_errors(self) -> dict[str, str]:
        """What must be right before readers see the page, by field; a draft may lack it."""
        if self.hero_image_id and not self.hero_alt_text and not self.hero_image.description:
            return {
                "hero_alt_text": "Describe the hero image for screen readers, or give the "
                "image a description in the image library."
            }
        return {}

    @cached_property
    def classification(self) -> Classification:
        """Categories, projects and tags in display order, read once per instance (from
        the read path's prefetch; every output asks for them several times)."""
        return Classification(
            categories=tuple(sorted(self.categories.all(), key=lambda c: c.name)),
            projects=tuple(sorted(self.projects.all(), key=lambda p: p.acronym)),
            tags=tuple(sorted((i.tag for i in self.tagged_items.all()), key=lambda t: t.name)),
        )

    def collect_references(self, wanted: Wanted) -> None:
        """What this page shows from elsewhere: its hero image, its body's targets and its
        projects' logos. A page read for a listing (`without_bodies()`) shows no body, so
        its body is neither loaded (a query per page) nor searched."""
        wanted.image(self.hero_image_id)
        if "body" not in self.get_deferred_fields():
            self.body.stream_block.collect_references(list(self.body.raw_data), wanted)
        for project in self.classification.projects:
            wanted.image(project.logo_id)

    @property
    def funding_statement(self) -> str:
        """One statement naming every funded project of the story (news.snippets)."""
        return funding_statement(self.classification.projects)

    def project_cards(self, refs: References) -> list[dict]:
        """Each partner project with its logo (a rendition, or None), for the story page."""
        return [
            {"project": project, "logo": refs.image(project.logo_id, LOGO_RENDITIONS)}
            for project in self.classification.projects
        ]

    def hero(self, refs: References) -> dict | None:
        image = refs.image(self.hero_image_id, HERO_RENDITIONS)
        if image is None:
            return None
        alt = refs.alt_text(self.hero_image_id, self.hero_alt_text)
        credit = refs.credit(self.hero_image_id, self.hero_credit)
        return {**image, "alt": alt, "caption": self.hero_caption, "credit": credit}

    def represent_body(self, refs: References) -> list[dict]:
        return self.body.stream_block.represent(list(self.body.raw_data), refs)

    def get_context(self, request, *args, **kwargs):
        """The page renders the same representation the API and the feeds serve."""
        context = super().get_context(request, *args, **kwargs)
        refs = References.for_pages([self], base_url=site_root_url(page=self, request=request))
        context["refs"] = refs
        context["hero"] = self.hero(refs)
        context["hero_sources"] = refs.hero_sources(self.hero_image_id)
        context["project_cards"] = self.project_cards(refs)
        context["body_html"] = self.body.stream_block.render_representation(
            self.represent_body(refs), {"request": request, "page": self}
        )
        return context

    @property
    def feed_id(self) -> str:
        return self.feed_guid.urn

    @property
    def published(self) -> datetime | None:
        """The one publication moment (news.publication) that every output shows."""
        return publication_moment(
            went_live=self.first_published_at or self.last_published_at,
            dated=getattr(self, "date", None),
        )


RELATED_STORIES = 3


class NewsPage(StoryPage):
    date = models.DateField(
        "publication date", default=_today, help_text="The date readers see on the story."
    )
    categories = ParentalManyToManyField(Category, blank=True, related_name="news_pages")
    projects = ParentalManyToManyField(
        PartnerProject,
        blank=True,
        related_name="news_pages",
        verbose_name="partner projects",
        help_text="The projects this story is about.",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    # The event this story reports on (the report written after a conference, say). A
    # link to any page, limited to events in the chooser, so news needs no events app.
    event = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_stories",
        help_text="The event this story is about, if any; the event's page lists it.",
    )
    # The publication moment (news.publication), stored at each publish so that the
    # listing order (date, then this, then id) is one index on this table and the river
    # can merge by it in the database.
    published_at = models.DateTimeField(null=True, editable=False)
    # Where the story was first published (an imported story's old address): how a
    # re-run of an import finds the story it made instead of making another.
    original_url = models.URLField(
        "original address",
        max_length=2000,
        blank=True,
        db_index=True,
        help_text="Where this story was first published, if elsewhere (set by an import).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        *StoryPage.hero_panels,
        FieldPanel("body"),
        *StoryPage.classification_panels,
        PageChooserPanel("event", page_type="events.EventPage"),
    ]
    # Wagtail's promote panels without "For site menus": stories are never menu entries.
    promote_panels = [Page.promote_panels[0], FieldPanel("original_url")]
    # A copy is a new story: a re-run of the import must not find it as the original.
    exclude_fields_in_copy = [*StoryPage.exclude_fields_in_copy, "original_url"]
    search_fields = [*StoryPage.search_fields, index.FilterField("date")]
    api_fields = [
        APIField("date"),
        *StoryPage.story_api_fields,
        APIField("event", serializer=serializers.EventLinkField()),
    ]

    @property
    def published(self) -> datetime | None:
        return self.published_at or super().published

    def collect_references(self, wanted: Wanted) -> None:
        super().collect_references(wanted)
        wanted.page(self.event_id)

    def reported_event(self, refs: References) -> dict | None:
        """The event this story reports on, if readers can see it: its title, address and
        when (an events page, looked up as a plain page: news knows no events app)."""
        url = refs.page_url(self.event_id) if self.event_id else None
        if url is None:
            return None
        event = Page.objects.filter(pk=self.event_id).specific().first()
        return {"title": event.title, "url": url, "when": getattr(event, "when_text", "")}

    def get_context(self, request, *args, **kwargs):
        """The story, and up to three related ones (a shared category or project)."""
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["event"] = self.reported_event(context["refs"])
        related = NewsPage.objects.publishable(site=site).without_bodies().related_to(self)
        context["related"] = news_cards(related[:RELATED_STORIES], base_url=site.root_url)
        return context

    objects = NewsPageManager()

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        # What editors call them: "Write an update" opens "New: Update".
        verbose_name = "update"
        indexes = [
            models.Index(
                fields=["-date", "-published_at", "-page_ptr"], name="news_newspage_listing"
            ),
            # The river merges stories with partner items by publication moment.
            models.Index(fields=["-published_at", "-page_ptr"], name="news_newspage_moment"),
        ]
