"""Subscribers, their consent history, digests and one delivery record per subscriber and
digest (what makes a digest safe to resume after the worker is killed)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from news.snippets import Category, PartnerProject

from .topics import Topics


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True)  # stored lower-cased
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    all_news = models.BooleanField(
        default=True, help_text="Everything; otherwise only the chosen categories and projects."
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="+")
    projects = models.ManyToManyField(PartnerProject, blank=True, related_name="+")
    # Signed links name this key, not the address: a new key kills every old link.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Stories first published after this moment go into this subscriber's next digest.
    digested_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def topics_text(self) -> str:
        return " ".join(self.topics().as_strings())

    def topics(self) -> Topics:
        """From prefetched categories and projects when there are (digests batch them)."""
        return Topics(
            all_news=self.all_news,
            categories=tuple(sorted(c.slug for c in self.categories.all())),
            projects=tuple(sorted(p.slug for p in self.projects.all())),
        )

    def set_topics(self, topics: Topics) -> None:
        self.all_news = topics.all_news
        self.save(update_fields=["all_news"])
        self.categories.set(Category.objects.filter(slug__in=topics.categories))
        self.projects.set(PartnerProject.objects.filter(slug__in=topics.projects))


class Consent(models.Model):
    """What a subscriber agreed to (or withdrew), when, in which wording; no address of
    the client is kept."""

    class Action(models.TextChoices):
        REQUESTED = "requested", "Asked to subscribe"
        CONFIRMED = "confirmed", "Confirmed"
        TOPICS_CHANGED = "topics-changed", "Changed topics"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    wording_version = models.CharField(max_length=20)
    topics = models.JSONField(default=list)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.wording_version})"


class Digest(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        ADMIN = "admin", "Sent from the admin"
        COMMAND = "command", "send_newsletter"

    class State(models.TextChoices):
        SENDING = "sending", "Sending"
        DONE = "done", "Sent"

    created_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(help_text="Stories first published up to this moment.")
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.SENDING)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Counts survive the erasure of the people they count.
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    nothing_new = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Digest of {timezone.localtime(self.until):%d %B %Y %H:%M}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENT = "sent", "Sent"
        NOTHING_NEW = "nothing-new", "Nothing new for this subscriber"
        FAILED = "failed", "Failed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed before it was sent"

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    stories = models.PositiveSmallIntegerField(default=0)
    # The stories and events the mail carried (page ids), written with its "sent".
    pages = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["digest", "status"])]

    def __str__(self) -> str:
        return f"{self.digest} to subscriber {self.subscriber_id}: {self.status}"


class DigestPage(models.Model):
    """A story or event a digest carried, and to how many subscribers (written when the
    digest is finished: what the reach report counts for that story)."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="pages")
    page_id = models.PositiveIntegerField(db_index=True)
    recipients = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "page_id"], name="one_row_per_digest_page")
        ]

    def __str__(self) -> str:
        return f"{self.digest}: page {self.page_id} to {self.recipients}"


class DigestProject(models.Model):
    """How many subscribers a digest brought at least one story or event of a project (its
    projects as they were when it was sent)."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="projects")
    project = models.ForeignKey(PartnerProject, on_delete=models.CASCADE, related_name="+")
    recipients = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "project"], name="one_row_per_digest_project")
        ]

    def __str__(self) -> str:
        return f"{self.digest}: project {self.project_id} to {self.recipients}"


@register_setting(icon="mail")
class NewsletterSettings(BaseGenericSetting):
    """When digests go out, and what their footer says."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        DAILY = "daily", "Daily"
        OFF = "off", "Only when sent from the admin"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.THURSDAY, help_text="For weekly digests."
    )
    hour = models.PositiveSmallIntegerField(
        default=9, help_text="Hour of the day (0–23) in the site's time zone."
    )
    # Scheduled digests start with the first slot after the newsletter was set up: a new
    # installation does not mail everyone at once.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    postal_address = models.TextField(
        blank=True,
        default="Permanent Magnets Network, Rue d'Egmont 11, 1000 Brussels, Belgium",
        help_text="Shown in every mail's footer.",
    )

    panels = [
        FieldPanel("frequency"),
        FieldPanel("weekday"),
        FieldPanel("hour"),
        FieldPanel("postal_address"),
    ]

    class Meta:
        verbose_name = "newsletter settings"
