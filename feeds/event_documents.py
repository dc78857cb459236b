"""Events as syndication documents: iCalendar files and the events feed.

Like documents.py, nothing here knows about HTTP. Events come from the one read path
(`EventPage.objects.publishable(site=…)`), so calendars hold exactly what the events
page and the API show.
"""

from datetime import date, datetime, timedelta

from django.http import Http404
from django.utils import timezone

from wagtail.models import Site

from events.facts import event_facts, facts_html, facts_text
from events.models import EventPage
from home.models import SiteSettings
from news.references import References
from news.renditions import FEED_SPECS
from news.snippets import Category, PartnerProject

from .builders import BUILDERS
from .documents import (
    EMPTY_FEED_UPDATED,
    FeedDocument,
    content_type_for,
    feed_meta,
    listing_url,
    scope_name,
    story_entry,
)
from .ical import CalendarEvent, CalendarMeta, build_calendar
from .links import calendar_link, calendar_path, event_calendar_path, events_feed_path

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# A calendar holds what is coming and the last year, so subscribers keep recent history.
CALENDAR_HISTORY = timedelta(days=365)
# A bound on the work of one calendar, far above what the network publishes in a year.
CALENDAR_MAX_EVENTS = 1000


def _recent_and_upcoming(site: Site):
    since = timezone.now() - CALENDAR_HISTORY
    return EventPage.objects.publishable(site=site).filter(ends_at__gt=since)


def events_calendar(*, site: Site, kind: str | None = None, slug: str | None = None):
    """The site's events calendar, or one category's or project's (404 if unknown)."""
    name = scope_name(site=site, kind=kind, slug=slug)
    # A project's calendar keeps all of the project's events: subscribers follow one
    # project's story, and a project whose events are over would otherwise show an empty
    # calendar. The site's and a category's stay windowed (CALENDAR_HISTORY).
    whole_history = kind == "project"
    events = (
        EventPage.objects.publishable(site=site) if whole_history else _recent_and_upcoming(site)
    )
    events = events.without_bodies().select_related("calendarentry")
    if kind is not None:
        events = events.classified(**{kind: slug})
    if whole_history:  # the newest CALENDAR_MAX_EVENTS, oldest first like the others
        events = list(events.order_by("-ends_at", "-pk")[:CALENDAR_MAX_EVENTS])[::-1]
    else:
        events = list(events[:CALENDAR_MAX_EVENTS])
    organisation = SiteSettings.for_site(site).organisation
    title = f"{organisation} – Events" + (f": {name}" if name else "")
    description = (
        f"{title}: all of its events, past and upcoming." if whole_history else _describe(title)
    )
    return _calendar_document(
        title, calendar_path(kind, slug), events, site=site, description=description
    )


def event_calendar(*, site: Site, slug: str) -> FeedDocument:
    """One event's calendar ("Add to calendar"); 404 unless readers can see the event."""
    event = (
        EventPage.objects.publishable(site=site)
        .without_bodies()
        .select_related("calendarentry")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404(f"No event '{slug}'.")
    return _calendar_document(event.title, event_calendar_path(slug), [event], site=site)


def _describe(title: str) -> str:
    return f"{title}: upcoming events and those of the past twelve months."


def _calendar_document(
    title: str, path: str, events: list[EventPage], *, site: Site, description: str = ""
) -> FeedDocument:
    refs = References.for_pages([], base_url=site.root_url)
    entries = tuple(_calendar_event(event, refs) for event in events)
    meta = CalendarMeta(
        name=title, description=description, url=refs.absolute(path), events=entries
    )
    updated = max((entry.modified for entry in entries), default=EMPTY_FEED_UPDATED)
    return FeedDocument(build_calendar(meta), CALENDAR_CONTENT_TYPE, updated)


def _calendar_event(event: EventPage, refs: References) -> CalendarEvent:
    url = refs.full_url(event)
    start, end = _calendar_span(event)
    facts = event_facts(event)
    description = "\n\n".join(part for part in (event.summary, facts_text(facts), url) if part)
    classified = event.classification
    return CalendarEvent(
        uid=str(event.feed_guid),
        title=event.title,
        url=url,
        start=start,
        end=end,
        description=description,
        location=event.venue_text or event.online_link,
        status=event.status,
        modified=event.last_published_at or event.first_published_at or EMPTY_FEED_UPDATED,
        sequence=event.calendar_sequence,
        online_url=event.online_link,
        categories=tuple(c.name for c in classified.categories),
    )


def _calendar_span(event: EventPage) -> tuple[date | datetime, date | datetime]:
    if event.all_day:
        return event.start_date, event.end_date + timedelta(days=1)
    start, end = event.local_span()
    return start, end


def events_feed(*, site: Site, fmt: str) -> FeedDocument:
    """One entry per event, the latest announced first, its facts leading the content."""
    settings = SiteSettings.for_site(site)
    events = list(
        _recent_and_upcoming(site).order_by("-first_published_at", "-pk")[
            : settings.feed_item_count
        ]
    )
    refs = References.for_pages(events, base_url=site.root_url, specs=FEED_SPECS)
    entries = tuple(
        story_entry(event, refs, lead_html=facts_html(event_facts(event))) for event in events
    )
    meta = feed_meta(
        settings,
        refs,
        path=events_feed_path(fmt),
        title=f"{settings.organisation} – Events",
        description=_describe("Events of the network"),
        home_url=listing_url(entries, base_url=site.root_url),
        entries=entries,
    )
    return FeedDocument(BUILDERS[fmt](meta), content_type_for(fmt), meta.updated)


def calendar_catalogue(site: Site) -> list[dict]:
    """The calendars for people to subscribe to: the site's, and one per category and per
    project that a publishable event of this site uses (nothing else is named)."""
    base_url = site.root_url
    visible_ids = EventPage.objects.publishable(site=site).values("pk")
    links = [calendar_link("All events", calendar_path(), base_url=base_url)]
    for category in Category.objects.filter(event_pages__in=visible_ids).distinct():
        path = calendar_path("category", category.slug)
        links.append(calendar_link(f"Events: {category.name}", path, base_url=base_url))
    for project in PartnerProject.objects.filter(organised_events__in=visible_ids).distinct():
        path = calendar_path("project", project.slug)
        links.append(calendar_link(f"Events: {project.acronym}", path, base_url=base_url))
    return links
