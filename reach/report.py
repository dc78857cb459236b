"""The dissemination report: for the whole network or one partner project and a period,
every communication activity (stories, events, newsletter issues) with the readers it
reached, the reads by channel and month, and the audience at the period's end.

One reading of the counts serves every output (the Reach page, the printable report,
CSV, XLSX, the command), so their figures agree. How each figure is counted is in
docs/reach.md; figures from 1 to REACH_SHOWN_FROM - 1 are shown as "< N" (`shown`).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from wagtail.models import Page

from events.models import EventFormat, EventPage
from fediverse.models import Follower
from news.models import NewsPage
from news.references import default_site
from news.snippets import PartnerProject
from news.visibility import publishable
from newsletter.models import Digest, DigestPage, DigestProject, Subscriber

from .models import CHANNELS, DailyFetchers, DailyReads, FeedSubscribers

CHANNEL_LABELS = {
    "page": "Web pages", "feed": "Feeds", "calendar": "Calendars", "api": "API",
    "widget": "Widget", "newsletter": "Newsletter mails",
}  # fmt: skip
REPORT_CHANNELS = [name for name, _ in CHANNELS] + ["newsletter"]
DAILY_UP_TO_DAYS = 92  # longer periods are charted by month
TOP_STORIES = 10

# The funding portal's communication-activity types, for each kind of activity here.
PORTAL_TYPE = {
    "story": "Website",
    "event": "Organisation of an event",
    "newsletter": "Newsletter",
}


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        first = self.start.year * 12 + self.start.month - 1
        last = self.end.year * 12 + self.end.month - 1
        return [date(n // 12, n % 12 + 1, 1) for n in range(first, last + 1)]

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} – {self.end:%-d %B %Y}"


@dataclass
class Activity:
    kind: str  # story, event, newsletter
    day: date
    title: str
    place: str
    audience: str
    reads: int  # reads of its page, API item and calendar in the period
    mailed: int  # subscribers a digest brought it to, in the period
    link: str
    page_id: int | None = None

    @property
    def portal_type(self) -> str:
        return PORTAL_TYPE[self.kind]

    @property
    def reached(self) -> int:
        return self.reads + self.mailed


@dataclass(frozen=True)
class TopPage:
    """A story or event among the most read in the period, whenever it was published."""

    title: str
    link: str
    reads: int


@dataclass
class Audience:
    """Who follows, at the period's end."""

    newsletter_subscribers: int = 0
    newsletter_everything: int = 0  # of them, those who take every story (no topics chosen)
    feed_subscribers: int = 0  # as feed readers last reported them
    daily_feed_fetchers: int = 0  # distinct fetchers of feeds and calendars, a day on average
    fediverse_followers: int = 0


@dataclass
class Report:
    project: PartnerProject | None
    period: Period
    activities: list[Activity]
    months: list[date]
    by_month: dict[date, Counter]  # month → channel → reads (and newsletter mails)
    over_time: list[tuple[date, int]]  # reads by day (or by month for long periods)
    top_pages: list[TopPage] = field(default_factory=list)  # most read in the period
    by_project: list[tuple[str, int]] = field(default_factory=list)  # whole network only
    # API and widget reads per partner site (origin), whole network only: partner sites'
    # API reads are counted by endpoint, so they concern no one project
    by_origin: list[tuple[str, str, int]] = field(default_factory=list)
    audience: Audience = field(default_factory=Audience)

    @property
    def scope(self) -> str:
        return self.project.acronym if self.project else "the whole network"

    @property
    def by_channel(self) -> Counter:
        total: Counter = Counter()
        for counts in self.by_month.values():
            total.update(counts)
        return total

    @property
    def total_reads(self) -> int:
        return sum(n for channel, n in self.by_channel.items() if channel != "newsletter")

    @property
    def charted_by_month(self) -> bool:
        return self.period.days > DAILY_UP_TO_DAYS


@dataclass(frozen=True)
class Glance:
    """The network's reads at a glance (the dashboard): totals by day and the most read."""

    total: int
    over_time: list[tuple[date, int]]
    top_pages: list[TopPage]


def glance(period: Period) -> Glance:
    """Two aggregate queries, kept until the worker's next flush could change them."""
    key = f"reach:glance:{period.start}:{period.end}"
    if (kept := cache.get(key)) is not None:
        return kept
    reads = DailyReads.objects.filter(day__range=(period.start, period.end))
    per_day = list(reads.values_list("day", "channel").annotate(n=Sum("reads")).order_by())
    found = Glance(
        total=sum(n for _, _, n in per_day),
        over_time=_over_time(per_day, period),
        top_pages=_top_pages(reads),
    )
    cache.set(key, found, settings.REACH_FLUSH_SECONDS)
    return found


def shown(number: int) -> int | str:
    """A figure as reports show it: counts from 1 below the threshold are "< N" (so no
    figure can point at one reader)."""
    threshold = settings.REACH_SHOWN_FROM
    return f"< {threshold}" if 0 < number < threshold else number


def build(project: PartnerProject | None, period: Period) -> Report:
    site = default_site()
    stories = _stories(project, period, site)
    events = _events(project, period, site)
    reads = _scoped_reads(project).filter(day__range=(period.start, period.end))
    # Summed by the database: the activities' reads, and the reads per day and channel
    # (months and charts are added up from those here); every list is a subquery.
    reads_of = _per_page(
        reads.filter(Q(page_id__in=stories.values("pk")) | Q(page_id__in=events.values("pk")))
    )
    per_day = list(reads.values_list("day", "channel").annotate(n=Sum("reads")).order_by())
    digests = _digests(project, period)
    mailed_of = dict(
        DigestPage.objects.filter(digest__in=[d.pk for d, _ in digests])
        .values_list("page_id").annotate(n=Sum("recipients")).order_by()
    )  # fmt: skip
    url_cache = SimpleNamespace()

    def about_page(page, **fields) -> Activity:
        return Activity(
            page_id=page.pk, reads=reads_of.get(page.pk, 0), mailed=mailed_of.get(page.pk, 0),
            link=page.get_full_url(url_cache) or "", **fields,
        )  # fmt: skip

    activities = [
        about_page(
            page,
            kind="story",
            day=page.date,
            title=page.title,
            place="Online",
            audience="General public",
        )  # fmt: skip
        for page in stories.only("pk", "title", "date", "url_path", "depth", "path")
    ] + [
        about_page(
            page,
            kind="event",
            day=page.start_date,
            title=f"{page.title} ({_format(page)})",
            place=_place(page),
            audience="Event participants and the public",
        )  # fmt: skip
        for page in events.only(*EVENT_FIELDS)
    ]
    activities += [_newsletter_activity(digest, recipients, site) for digest, recipients in digests]
    activities.sort(key=lambda a: (a.day, a.kind, a.title))
    by_month = _by_month(per_day, digests, period)
    return Report(
        project=project,
        period=period,
        activities=activities,
        months=period.months(),
        by_month=by_month,
        over_time=_over_time(per_day, period),
        top_pages=_top_pages(reads),
        by_project=_by_project(period) if project is None else [],
        by_origin=_by_origin(reads) if project is None else [],
        audience=_audience(project, period),
    )


def _stories(project, period: Period, site) -> QuerySet:
    queryset = NewsPage.objects.publishable(site=site).filter(
        date__range=(period.start, period.end)
    )
    return (queryset.filter(projects=project) if project else queryset).order_by()


EVENT_FIELDS = ("pk", "title", "start_date", "format", "venue_name", "venue_city",
                "venue_country", "url_path", "depth", "path")  # fmt: skip


def _events(project, period: Period, site) -> QuerySet:
    queryset = EventPage.objects.publishable(site=site).filter(
        start_date__range=(period.start, period.end)
    )
    return (queryset.filter(projects=project) if project else queryset).order_by()


def _scoped_reads(project) -> QuerySet:
    """The network's reads, or a project's: those of every story and event about it
    (whenever published: reads in a period count for older stories too) and of its
    feeds and calendars."""
    if project is None:
        return DailyReads.objects.all()
    news = NewsPage.projects.through.objects.filter(partnerproject=project)
    events = EventPage.projects.through.objects.filter(partnerproject=project)
    return DailyReads.objects.filter(
        Q(page_id__in=news.values("newspage_id"))
        | Q(page_id__in=events.values("eventpage_id"))
        | Q(project=project)
    )


def _per_page(reads: QuerySet) -> dict[int, int]:
    return dict(reads.values_list("page_id").annotate(n=Sum("reads")).order_by())


def _digests(project, period: Period) -> list[tuple[Digest, int]]:
    """The newsletter issues sent in the period (that carried the project), with the
    subscribers they reached (for a project: those they brought its stories)."""
    digests = Digest.objects.filter(
        created_at__date__range=(period.start, period.end), sent__gt=0
    ).order_by("created_at")
    if project is None:
        return [(digest, digest.sent) for digest in digests]
    carried = dict(
        DigestProject.objects.filter(project=project, digest__in=digests).values_list(
            "digest_id", "recipients"
        )
    )
    return [(digest, carried[digest.pk]) for digest in digests if digest.pk in carried]


def _newsletter_activity(digest: Digest, recipients: int, site) -> Activity:
    sent_on = timezone.localdate(digest.created_at)
    return Activity(
        kind="newsletter", day=sent_on,
        title=f"Newsletter of {sent_on:%-d %B %Y}", place="By e-mail",
        audience="Newsletter subscribers", reads=0, mailed=recipients,
        link=(site.root_url if site else settings.PUBLIC_BASE_URL) + "/newsletter/",
    )  # fmt: skip


def _format(event: EventPage) -> str:
    return EventFormat(event.format).label if event.format in EventFormat.values else ""


def _place(event: EventPage) -> str:
    where = ", ".join(p for p in (event.venue_name, event.venue_city, event.venue_country) if p)
    if event.format == EventFormat.ONLINE:
        return "Online"
    if event.format == EventFormat.HYBRID:
        return f"{where} and online" if where else "Online"
    return where


def _by_month(per_day: list, digests, period: Period) -> dict[date, Counter]:
    by_month: dict[date, Counter] = {month: Counter() for month in period.months()}
    for day, channel, number in per_day:
        by_month[day.replace(day=1)][channel] += number
    for digest, recipients in digests:
        by_month[timezone.localdate(digest.created_at).replace(day=1)]["newsletter"] += recipients
    return by_month


def _over_time(per_day: list, period: Period) -> list[tuple[date, int]]:
    """Reads by day, or by month for periods longer than DAILY_UP_TO_DAYS."""
    totals: Counter = Counter()
    monthly = period.days > DAILY_UP_TO_DAYS
    for day, _, number in per_day:
        totals[day.replace(day=1) if monthly else day] += number
    if monthly:
        return [(month, totals[month]) for month in period.months()]
    days = (period.start + timedelta(days=i) for i in range(period.days))
    return [(day, totals[day]) for day in days]


def _top_pages(reads: QuerySet) -> list[TopPage]:
    """The stories and events read most in the period (pages readers may still see)."""
    visible = publishable(Page.objects.type(NewsPage, EventPage), site=None)
    totals = dict(
        reads.filter(page_id__in=visible.values("pk"))
        .values_list("page_id").annotate(n=Sum("reads")).order_by("-n", "page_id")[:TOP_STORIES]
    )  # fmt: skip
    pages = Page.objects.filter(pk__in=totals).only("pk", "title", "url_path", "depth", "path")
    url_cache = SimpleNamespace()
    ranked = sorted(pages, key=lambda page: (-totals[page.pk], page.pk))
    return [TopPage(p.title, p.get_full_url(url_cache) or "", totals[p.pk]) for p in ranked]


def _by_origin(reads: QuerySet) -> list[tuple[str, str, int]]:
    rows = (
        reads.exclude(origin="").values_list("origin", "channel")
        .annotate(n=Sum("reads")).order_by("-n", "origin", "channel")
    )  # fmt: skip
    return list(rows)


def _by_project(period: Period) -> list[tuple[str, int]]:
    """Reads in the period attributed to each project: its stories' and events' reads,
    and its feeds' and calendars'. A story about two projects counts for both."""
    reads = DailyReads.objects.filter(day__range=(period.start, period.end))
    about_projects = [
        (NewsPage.projects.through, "newspage_id"), (EventPage.projects.through, "eventpage_id")
    ]  # fmt: skip
    per_page = _per_page(reads.filter(reduce(or_, (
        Q(page_id__in=through.objects.values(column)) for through, column in about_projects
    ))))  # fmt: skip
    totals: Counter = Counter(
        dict(
            reads.exclude(project=None)
            .values_list("project_id")
            .annotate(n=Sum("reads"))
            .order_by()
        )  # fmt: skip
    )
    for through, column in about_projects:
        links = through.objects.filter(**{f"{column}__in": reads.values("page_id")})
        for page, project in links.values_list(column, "partnerproject_id"):
            totals[project] += per_page.get(page, 0)
    names = dict(PartnerProject.objects.values_list("pk", "acronym"))
    return sorted(
        ((names[pk], n) for pk, n in totals.items() if pk in names), key=lambda row: -row[1]
    )


def _audience(project, period: Period) -> Audience:
    end = period.end
    subscribers = Subscriber.objects.filter(confirmed_at__date__lte=end).filter(
        Q(unsubscribed_at=None) | Q(unsubscribed_at__date__gt=end)
    )
    feeds = FeedSubscribers.objects.all()
    fetchers = DailyFetchers.objects.filter(day__range=(period.start, end))
    followers = Follower.objects.filter(followed_at__date__lte=end)
    if project is not None:
        subscribers = subscribers.filter(Q(all_news=True) | Q(projects=project))
        feeds = feeds.filter(project=project)
        fetchers = fetchers.filter(project=project)
        followers = followers.filter(actor__project=project)
    fetched = fetchers.aggregate(n=Sum("fetchers"))["n"] or 0
    return Audience(
        newsletter_subscribers=subscribers.distinct().count(),
        newsletter_everything=subscribers.filter(all_news=True).distinct().count(),
        feed_subscribers=feeds.aggregate(n=Sum("subscribers"))["n"] or 0,
        daily_feed_fetchers=round(fetched / period.days),
        fediverse_followers=followers.values("actor_url").distinct().count(),
    )
