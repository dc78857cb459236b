"""What reach is made of: counts, never people. No address, cookie, user agent or
fingerprint is stored here (docs/reach.md)."""

from django.db import models

from news.snippets import PartnerProject

CHANNELS = [
    ("page", "web page"),
    ("feed", "feed"),
    ("calendar", "calendar"),
    ("api", "API"),
    ("widget", "widget"),
]


class DailyReads(models.Model):
    """Reads of one address on one day through one channel; for the API and the widget,
    from one partner origin (the site a browser read it for, from its Origin header)."""

    day = models.DateField()
    channel = models.CharField(max_length=16, choices=CHANNELS)
    path = models.CharField(max_length=300)
    origin = models.CharField(max_length=200, blank=True)
    reads = models.PositiveIntegerField(default=0)
    # What the address concerns (reach.attribution), decided when the count is written.
    page_id = models.PositiveIntegerField(null=True, blank=True)
    project = models.ForeignKey(
        PartnerProject, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "path", "origin"], name="one_count_per_day_and_address"
            )
        ]
        indexes = [models.Index(fields=["page_id", "day"], name="reads_of_a_page_by_day")]
        verbose_name_plural = "daily reads"

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.path}: {self.reads}"


class DailyFetchers(models.Model):
    """How many distinct programs fetched a feed or calendar on one day (estimated from a
    HyperLogLog of salted hashes in Redis; the salt changes daily and is never stored)."""

    day = models.DateField()
    path = models.CharField(max_length=300)
    fetchers = models.PositiveIntegerField(default=0)
    project = models.ForeignKey(
        PartnerProject, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="one_fetcher_count_per_day")
        ]
        verbose_name_plural = "daily fetchers"

    def __str__(self) -> str:
        return f"{self.day} {self.path}: {self.fetchers}"


class FeedSubscribers(models.Model):
    """The latest count a feed reader (Feedly, Inoreader, NewsBlur …) reported for a feed,
    in its User-Agent ("…; 42 subscribers")."""

    path = models.CharField(max_length=300)
    reader = models.CharField(max_length=100)
    subscribers = models.PositiveIntegerField()
    reported_on = models.DateField()
    project = models.ForeignKey(
        PartnerProject, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["path", "reader"], name="one_report_per_reader")
        ]
        verbose_name_plural = "feed subscribers"

    def __str__(self) -> str:
        return f"{self.path}: {self.subscribers} on {self.reader}"


class FlushedBatch(models.Model):
    """A batch of counts taken from Redis and added here, by name: a flush interrupted
    after the database committed is finished without adding the batch twice."""

    name = models.CharField(max_length=80, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
