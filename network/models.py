"""Partner feeds (sources) and what they published (items, one row per source and id)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wagtail.search import index

from news.snippets import PartnerProject
from news.text import html_as_text


class WebAddressField(models.URLField):
    """An address typed in the admin: without a scheme it means https (Django 6's rule)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class FeedSource(models.Model):
    project = models.ForeignKey(
        PartnerProject, on_delete=models.CASCADE, related_name="feed_sources"
    )
    url = WebAddressField("feed address", max_length=2000, unique=True)
    active = models.BooleanField(default=True)
    fetch_every_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty: the network's default (every 30 minutes)."
    )
    title = models.CharField(max_length=300, blank=True, editable=False)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.CharField(max_length=200, blank=True, editable=False)
    consecutive_errors = models.PositiveIntegerField(default=0, editable=False)
    next_fetch_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    item_count = models.PositiveIntegerField(default=0, editable=False)
    # When a fetch last created or changed items (Atom `source` `updated`); bookkeeping
    # such as a 304 leaves it alone.
    items_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # What a fetch records about itself; saving only these changes no output.
    BOOKKEEPING_FIELDS = frozenset({
        "active", "etag", "last_modified", "last_fetched_at", "last_status",
        "consecutive_errors", "next_fetch_at", "item_count", "items_changed_at",
    })  # fmt: skip

    class Meta:
        ordering = ["project__acronym", "url"]

    def __str__(self) -> str:
        return f"{self.project.acronym}: {self.url}"

    @property
    def every_minutes(self) -> int:
        return self.fetch_every_minutes or settings.NETWORK_FETCH_MINUTES

    @property
    def name(self) -> str:
        return self.title or self.project.name


class NetworkItemQuerySet(models.QuerySet):
    def visible(self):
        """What readers may see: every item an editor has not hidden and that links to a
        web page (a row stored some other way may not), newest first."""
        return (
            self.filter(hidden=False)
            .filter(Q(link__istartswith="https://") | Q(link__istartswith="http://"))
            .select_related("source__project")
            .order_by("-published_at", "-pk")
        )


class NetworkItem(index.Indexed, models.Model):
    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items")
    original_id = models.CharField(max_length=500)
    link = models.URLField(max_length=2000)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    content = models.TextField(blank=True, help_text="Sanitised HTML.")
    image_url = models.URLField(max_length=2000, blank=True)
    categories = models.JSONField(default=list, blank=True)
    # " slug-one slug-two ": the categories as slugs, for the `category` filter.
    category_slugs = models.CharField(max_length=1200, blank=True, editable=False)
    published_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    first_seen_at = models.DateTimeField(default=timezone.now)
    hidden = models.BooleanField(
        default=False, help_text="Hidden items appear in no page, API answer or feed."
    )

    objects = NetworkItemQuerySet.as_manager()

    # In the site's search index like stories and events, so searching the river and the
    # site search find every form of a word and rank partner news among the hub's own.
    # Fetches write items in bulk and index them themselves (network.refresh.store).
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("text"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "original_id"], name="one_row_per_item")
        ]

    def __str__(self) -> str:
        return self.title

    def text(self) -> str:
        """The item's content as plain text (what search indexes and snippets quote)."""
        return html_as_text(self.content)
