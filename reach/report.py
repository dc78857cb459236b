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
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from wagtail.models import Page, Site

from events.models import EventFormat, EventPage
from fediverse.models import Follower
from news.models import NewsPage
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
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

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
    top_pages: list["TopPage"] = field(default_factory=list)  # most read in the period
    by_project: list[tuple[str, int]] = field(default_factory=list)  # whole network only
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


def shown(number: int) -> int | str:
    """A figure as reports show it: counts from 1 below the threshold are "< N" (so no
    figure can point at one reader)."""
    threshold = settings.REACH_SHOWN_FROM
    return f"< {threshold}" if 0 < number < threshold else number


def build(project: PartnerProject | None, period: Period) -> Report:
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    stories = _stories(project, period, site)
    events = _events(project, period, site)
    page_ids = None if project is None else _project_page_ids(project)
    reads = _scoped_reads(project, page_ids).filter(day__range=(period.start, period.end))
    # The reads are read twice, summed by the database: per page, and per day and channel
    # (months and charts are added up from those here).
    reads_of = dict(
        reads.exclude(page_id=None).values_list("page_id").annotate(n=Sum("reads")).order_by()
    )
    per_day = list(reads.values_list("day", "channel").annotate(n=Sum("reads")).order_by())
    digests = _digests(project, period)
    mailed_of = dict(
        DigestPage.objects.filter(digest__in=[d.pk for d, _ in digests])
        .values_list("page_id").annotate(n=Sum("recipients")).order_by()
    )  # fmt: skip
    url_cache = SimpleNamespace()
    activities = [
        Activity(
            kind="story",
            day=page.date,
            title=page.title,
            place="Online",
            audience="General public",
            reads=reads_of.get(page.pk, 0),
            mailed=mailed_of.get(page.pk, 0),
            link=page.get_full_url(url_cache),
            page_id=page.pk,
        )  # fmt: skip
        for page in stories
    ] + [
        Activity(
            kind="event",
            day=page.start_date,
            title=f"{page.title} ({_format(page)})",
            place=_place(page),
            audience="Event participants and the public",
            reads=reads_of.get(page.pk, 0),
            mailed=mailed_of.get(page.pk, 0),
            link=page.get_full_url(url_cache),
            page_id=page.pk,
        )  # fmt: skip
        for page in events
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
        top_pages=_top_pages(reads_of),
        by_project=_by_project(period) if project is None else [],
        audience=_audience(project, period),
    )


def _stories(project, period: Period, site) -> list:
    queryset = NewsPage.objects.publishable(site=site).filter(
        date__range=(period.start, period.end)
    )
    if project is not None:
        queryset = queryset.filter(projects=project)
    return list(queryset.only("pk", "title", "date", "url_path", "depth", "path").order_by())


def _events(project, period: Period, site) -> list:
    queryset = EventPage.objects.publishable(site=site).filter(
        start_date__range=(period.start, period.end)
    )
    if project is not None:
        queryset = queryset.filter(projects=project)
    fields = ("pk", "title", "start_date", "format", "venue_name", "venue_city",
              "venue_country", "url_path", "depth", "path")  # fmt: skip
    return list(queryset.only(*fields).order_by())


def _project_page_ids(project: PartnerProject) -> list[int]:
    """Every story and event about the project, whenever published (reads in a period
    count for stories published before it too)."""
    news = NewsPage.projects.through.objects.filter(partnerproject=project)
    events = EventPage.projects.through.objects.filter(partnerproject=project)
    return list(news.values_list("newspage_id", flat=True)) + list(
        events.values_list("eventpage_id", flat=True)
    )


def _scoped_reads(project, page_ids: list[int] | None) -> QuerySet:
    if project is None:
        return DailyReads.objects.all()
    return DailyReads.objects.filter(Q(page_id__in=page_ids) | Q(project=project))


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
    return Activity(
        kind="newsletter", day=digest.created_at.date(),
        title=f"Newsletter of {digest.created_at:%-d %B %Y}", place="By e-mail",
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
        by_month[digest.created_at.date().replace(day=1)]["newsletter"] += recipients
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


def _top_pages(reads_of: dict[int, int]) -> list[TopPage]:
    """The stories and events read most in the period (pages readers may still see)."""
    candidates = sorted(reads_of, key=lambda pk: (-reads_of[pk], pk))[: TOP_STORIES * 10]
    visible = publishable(Page.objects.type(NewsPage, EventPage), site=None)
    pages = visible.filter(pk__in=candidates).only("pk", "title", "url_path", "depth", "path")
    url_cache = SimpleNamespace()
    ranked = sorted(pages, key=lambda page: (-reads_of[page.pk], page.pk))[:TOP_STORIES]
    return [TopPage(p.title, p.get_full_url(url_cache), reads_of[p.pk]) for p in ranked]


def _by_project(period: Period) -> list[tuple[str, int]]:
    """Reads in the period attributed to each project: its stories' and events' reads,
    and its feeds' and calendars'. A story about two projects counts for both."""
    reads = DailyReads.objects.filter(day__range=(period.start, period.end))
    per_page = dict(
        reads.exclude(page_id=None).values_list("page_id").annotate(n=Sum("reads")).order_by()
    )
    totals: Counter = Counter(
        dict(
            reads.exclude(project=None)
            .values_list("project_id")
            .annotate(n=Sum("reads"))
            .order_by()
        )  # fmt: skip
    )
    for through, column in (
        (NewsPage.projects.through, "newspage_id"),
        (EventPage.projects.through, "eventpage_id"),
    ):
        links = through.objects.filter(**{f"{column}__in": list(per_page)})
        for page, project in links.values_list(column, "partnerproject_id"):
            totals[project] += per_page[page]
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
