"""The events index and event pages: meetings, conferences, workshops and webinars.

Times are entered in the event's own time zone (an IANA name) as a date and, unless the
event lasts whole days, a time; the UTC instants every query and calendar uses
(`starts_at`, `ends_at`, the end exclusive for whole days) are computed on save.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from news.cards import news_cards
from news.models import NewsPage, StoryPage
from news.paging import KeptCount, paginate
from news.sanitize import safe_web_url, validate_web_url
from news.snippets import Category, PartnerProject

from . import serializers
from .facts import event_facts
from .filters import FORMATS, EventFilters
from .querysets import EventPageManager
from .when import days, describe

DEFAULT_TIME_ZONE = "Europe/Brussels"
# Read once: `available_timezones()` walks the time-zone database on disk (~20 ms a call).
KNOWN_TIME_ZONES = frozenset(zoneinfo.available_timezones())
TIME_ZONES = [(name, name.replace("_", " ")) for name in sorted(KNOWN_TIME_ZONES)]
# A multiple of 6, so the grid of 1, 2 or 3 columns ends on a full row (site.css).
PAST_PER_PAGE = 12
# `/events/<slug>.ics` is an event's calendar, but `/events/calendar.ics` is everyone's.
RESERVED_SLUGS = frozenset({"calendar"})


class EventFormat(models.TextChoices):
    IN_PERSON = FORMATS[0], "In person"
    ONLINE = FORMATS[1], "Online"
    HYBRID = FORMATS[2], "Hybrid (in person and online)"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class EventIndexPage(Page):
    """'Events': upcoming events, soonest first, then the archive, newest first."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    # One per site, so an event's slug names it on its site (`/events/<slug>.ics`).
    max_count_per_parent = 1

    class Meta:
        verbose_name = "events index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = EventFilters.from_query(request.GET, strict=False)
        site = self.get_site()
        events = (
            EventPage.objects.publishable(site=site)
            .filtered(filters)
            .without_bodies()
            .child_of(self)
        )
        query = filters.as_query()
        past_events = KeptCount(events.past(), key=f"past-events:{site.pk if site else ''}:"
                                f"{self.pk}:{query}")  # fmt: skip
        past = paginate(past_events, PAST_PER_PAGE, request.GET.get("page"), query)
        visible_ids = EventPage.objects.publishable(site=site).child_of(self).values("pk")
        categories = list(Category.objects.filter(event_pages__in=visible_ids).distinct())
        projects = list(PartnerProject.objects.filter(organised_events__in=visible_ids).distinct())
        context.update(
            filters=filters,
            upcoming=events.upcoming(),
            listing=past,
            categories=categories,
            projects=projects,
            formats=EventFormat.choices,
            calendar=self._calendar(filters, categories, projects, site),
        )
        return context

    @staticmethod
    def _calendar(filters: EventFilters, categories, projects, site) -> dict:
        """The calendar matching the listing: a project's or category's when filtered by
        one, else everyone's, as a download and as a `webcal://` subscription."""
        name, path = "every event", reverse("calendars:all")
        if filters.project in {project.slug for project in projects}:
            project = next(p for p in projects if p.slug == filters.project)
            name = f"{project.acronym}'s events"
            path = reverse("calendars:project", kwargs={"slug": project.slug})
        elif filters.category in {category.slug for category in categories}:
            category = next(c for c in categories if c.slug == filters.category)
            name = f"the {category.name} events"
            path = reverse("calendars:category", kwargs={"slug": category.slug})
        url = (site.root_url if site else "") + path
        return {"name": name, "url": url, "webcal": "webcal://" + url.split("://", 1)[-1]}


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(StoryPage):
    all_day = models.BooleanField(
        "all-day event",
        default=False,
        help_text="Whole days, without times: a one-day or several-day event.",
    )
    start_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Not for all-day events.")
    end_date = models.DateField(help_text="The same day for a one-day event.")
    end_time = models.TimeField(null=True, blank=True, help_text="Not for all-day events.")
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONES,
        default=DEFAULT_TIME_ZONE,
        help_text="The time zone the times above are in: where the event takes place, or "
        "its organiser's for an online event.",
    )
    # Computed from the fields above on save: what queries, ordering and calendars use.
    starts_at = models.DateTimeField(null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(null=True, editable=False, db_index=True)
    format = models.CharField(
        max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField("venue", max_length=200, blank=True)
    venue_address = models.CharField("street address", max_length=255, blank=True)
    venue_city = models.CharField("city", max_length=120, blank=True)
    venue_country = models.CharField("country", max_length=120, blank=True)
    online_url = models.URLField(
        "online address",
        blank=True,
        validators=[validate_web_url],
        help_text="Where to join: the webinar or meeting link. For online and hybrid events.",
    )
    registration_url = models.URLField(
        "registration address", blank=True, validators=[validate_web_url]
    )
    registration_deadline = models.DateField(
        null=True, blank=True, help_text="The last day to register (in the event's time zone)."
    )
    # The end of the deadline day in the event's zone, computed on save: cached answers
    # that say whether registration is open must not outlive it.
    registration_closes_at = models.DateTimeField(null=True, editable=False)
    status = models.CharField(
        max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    categories = ParentalManyToManyField(Category, blank=True, related_name="event_pages")
    projects = ParentalManyToManyField(
        PartnerProject,
        blank=True,
        related_name="organised_events",
        verbose_name="organising partner projects",
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        *StoryPage.hero_panels,
        MultiFieldPanel(
            [
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_city"), FieldPanel("venue_country")]),
                FieldPanel("online_url"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading="Registration",
        ),
        FieldPanel("status"),
        FieldPanel("body"),
        *StoryPage.classification_panels,
    ]
    # Wagtail's promote panels without "For site menus": events are never menu entries.
    promote_panels = [Page.promote_panels[0]]
    search_fields = [
        *StoryPage.search_fields,
        index.SearchField("venue_name"),
        index.SearchField("venue_city"),
        index.FilterField("starts_at"),
    ]
    api_fields = [
        APIField("start", serializer=serializers.StartField()),
        APIField("end", serializer=serializers.EndField()),
        APIField("time_zone"),
        APIField("all_day"),
        APIField("format"),
        APIField("status"),
        APIField("venue", serializer=serializers.VenueField()),
        APIField("online_url", serializer=serializers.OnlineAddressField()),
        APIField("registration", serializer=serializers.RegistrationField()),
        *StoryPage.story_api_fields,
        APIField("stories", serializer=serializers.StoriesField()),
    ]

    objects = EventPageManager()

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "event"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    def local_span(self) -> tuple[datetime, datetime] | None:
        """Start and end in the event's zone (the end exclusive for whole days)."""
        if not (self.start_date and self.end_date):
            return None
        if self.all_day:
            return (
                datetime.combine(self.start_date, time.min, self.zone),
                datetime.combine(self.end_date + timedelta(days=1), time.min, self.zone),
            )
        if self.start_time is None or self.end_time is None:
            return None
        return (
            datetime.combine(self.start_date, self.start_time, self.zone),
            datetime.combine(self.end_date, self.end_time, self.zone),
        )

    def clean(self):
        """What even a draft needs to be stored: a real time zone, a free slug."""
        errors = {}
        if self.time_zone not in KNOWN_TIME_ZONES:
            errors["time_zone"] = "Choose a time zone from the list."
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"'{self.slug}' names the events calendar; choose another slug."
        if self.all_day:
            self.start_time = self.end_time = None
        if errors:
            raise ValidationError(errors)
        super().clean()

    def publication_errors(self) -> dict[str, str]:
        errors = super().publication_errors()
        if self.all_day:
            if self.start_date and self.end_date and self.end_date < self.start_date:
                errors["end_date"] = "The last day cannot be before the first."
        else:
            for field in ("start_time", "end_time"):
                if getattr(self, field) is None:
                    errors[field] = "Give a time, or tick 'all-day event'."
        span = None if errors else self.local_span()
        if span and span[1] <= span[0]:
            errors["end_time" if not self.all_day else "end_date"] = (
                "The end must be after the start."
            )
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID):
            for field in ("venue_name", "venue_city"):
                if not getattr(self, field).strip():
                    errors[field] = "An event in person needs its venue and city."
        if self.format in (EventFormat.ONLINE, EventFormat.HYBRID) and not self.online_url:
            errors["online_url"] = "An online event needs the address to join it."
        return errors

    def save(self, *args, **kwargs):
        span = self.local_span()
        self.starts_at, self.ends_at = span if span else (None, None)
        self.registration_closes_at = (
            datetime.combine(self.registration_deadline + timedelta(days=1), time.min, self.zone)
            if self.registration_deadline
            else None
        )
        return super().save(*args, **kwargs)

    @property
    def registration_open(self) -> bool:
        """Open until the end of the deadline day, or without one until the event ends."""
        if not self.registration_link:
            return False
        closes = self.registration_closes_at or self.ends_at
        return closes is None or timezone.now() < closes

    @property
    def took_place_on(self) -> str:
        """'29–30 October 2025' once the event is over (its page says so), else ''."""
        if self.ends_at is None or self.ends_at > timezone.now():
            return ""
        return days(self)

    @property
    def when_text(self) -> str:
        """When, in words (what a story that reports on the event shows beside its title)."""
        return describe(self)

    @property
    def has_venue(self) -> bool:
        return self.format != EventFormat.ONLINE and bool(self.venue_name)

    @property
    def has_online_url(self) -> bool:
        return bool(self.online_link)

    @property
    def online_link(self) -> str:
        """Where to join, if the event is online at all, on the allow-list, or ''."""
        if self.format == EventFormat.IN_PERSON:
            return ""
        return safe_web_url(self.online_url)

    @property
    def registration_link(self) -> str:
        return safe_web_url(self.registration_url)

    @property
    def venue_text(self) -> str:
        """'Venue, street, city, country' for people and for calendars' LOCATION."""
        if not self.has_venue:
            return ""
        parts = (self.venue_name, self.venue_address, self.venue_city, self.venue_country)
        return ", ".join(part.strip() for part in parts if part.strip())

    @property
    def calendar_sequence(self) -> int:
        """The iCalendar SEQUENCE: how many published changes of time, place or status."""
        try:
            return self.calendarentry.sequence
        except CalendarEntry.DoesNotExist:
            return 0

    def stories(self, site=None) -> list[NewsPage]:
        """Published news about this event (the report after a conference, say), newest
        first; prefetched by `EventPageQuerySet.with_stories()` for whole listings."""
        prefetched = getattr(self, "visible_stories", None)
        if prefetched is not None:
            return prefetched
        return list(
            NewsPage.objects.publishable(site=site or self.get_site())
            .without_bodies()
            .filter(event=self)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        context["facts"] = event_facts(self)
        context["stories"] = news_cards(self.stories(site), base_url=site.root_url if site else "")
        return context


class CalendarEntry(models.Model):
    """An event's iCalendar SEQUENCE, kept apart from the page: page revisions carry every
    page field, so publishing an older revision would otherwise roll it back."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, primary_key=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name_plural = "calendar entries"

    def __str__(self) -> str:
        return f"{self.event} (sequence {self.sequence})"
