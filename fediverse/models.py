"""The site's fediverse accounts, who follows them, and what was sent to whom.

What is stored about a follower is their actor's address and the inbox to deliver to,
nothing else (docs/fediverse.md); a blocked domain's followers are removed with it.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models

from . import addresses
from .keys import new_key_pair


class ActorQuerySet(models.QuerySet):
    def at(self, url: str | None) -> "Actor | None":
        """The account whose actor id is `url`, if it is one of ours."""
        username = addresses.actor_username(url)
        return self.filter(username=username).first() if username else None


class Actor(models.Model):
    """A fediverse account of the site: the hub's (no project) or a partner project's."""

    username = models.SlugField(
        max_length=60,
        unique=True,
        help_text="The account's name: @name@this-site. Lower-case letters, digits and "
        "hyphens; followers lose the account if it changes.",
    )
    project = models.OneToOneField(
        "news.PartnerProject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fediverse_actor",
        help_text="Leave empty for the hub's own account (every story); a project's account "
        "shares the project's stories.",
    )
    discoverable = models.BooleanField(
        default=True, help_text="Let fediverse servers suggest and list the account."
    )
    private_key = models.TextField(editable=False)
    public_key = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["project__acronym", "username"]
        verbose_name = "fediverse account"

    def __str__(self) -> str:
        return f"@{self.username}"

    def save(self, *args, **kwargs) -> None:
        if not self.private_key:  # made once, with the account (a POST, never a read)
            self.private_key, self.public_key = new_key_pair()
        super().save(*args, **kwargs)

    @property
    def is_hub(self) -> bool:
        return self.project_id is None

    @property
    def handle(self) -> str:
        return addresses.handle(self.username)

    def follower_count(self) -> int:
        return self.followers.count()

    def clean(self) -> None:
        hub = Actor.objects.filter(project=None).exclude(pk=self.pk)
        if self.project_id is None and hub.exists():
            raise ValidationError({"project": "The hub has an account already: choose a project."})


class Follower(models.Model):
    """A remote account following one of ours: its address and where to deliver."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="followers")
    actor_url = models.URLField("follower", max_length=500)
    inbox_url = models.URLField("inbox", max_length=500)
    domain = models.CharField(max_length=253, db_index=True, editable=False)
    followed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-followed_at"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "actor_url"], name="one_follow_per_account")
        ]

    def __str__(self) -> str:
        return self.actor_url


class BlockedDomain(models.Model):
    """A server (and its subdomains) whose requests are refused and that gets nothing."""

    domain = models.CharField(
        max_length=253, unique=True, help_text="For example spam.example (subdomains included)."
    )
    note = models.CharField(max_length=300, blank=True)
    blocked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = self.domain.strip().lower().rstrip(".")
        if not self.domain or "/" in self.domain or " " in self.domain:
            raise ValidationError({"domain": "A domain name, such as spam.example."})


class FederatedObject(models.Model):
    """What the fediverse was last told about a page (so an edit is an Update and an
    unpublish a Delete): kept after the page is deleted, which is why no foreign key."""

    page_id = models.PositiveIntegerField(unique=True)
    published_version = models.DateTimeField(null=True)  # the page's last_published_at sent
    deleted = models.BooleanField(default=True)  # True until first sent, and after a Delete
    # Which object id the page has: servers keep a Tombstone for a deleted id and drop
    # whatever comes under it later, so a page published again after a Delete gets a new one.
    generation = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"page {self.page_id}{' (deleted)' if self.deleted else ''}"


class Activity(models.Model):
    """An activity we sent (or are sending): its id is dereferenceable while it lives."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="activities")
    type = models.CharField(max_length=20)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.type} {self.uuid}"


class Delivery(models.Model):
    """One activity to one inbox: sent once, retried with backoff, given up after days."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="deliveries")
    inbox_url = models.URLField(max_length=500)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    delivered_at = models.DateTimeField(null=True)
    given_up_at = models.DateTimeField(null=True)
    first_failed_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "inbox_url"], name="one_delivery_per_inbox")
        ]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.activity} to {self.inbox_url}"


class DroppedInbox(models.Model):
    """An inbox that failed every delivery for FEDIVERSE_GIVE_UP_DAYS: its followers were
    removed (reported here and in the worker's log)."""

    inbox_url = models.URLField(max_length=500)
    followers_removed = models.PositiveIntegerField()
    last_error = models.CharField(max_length=300, blank=True)
    dropped_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dropped_at"]
        verbose_name_plural = "dropped inboxes"

    def __str__(self) -> str:
        return self.inbox_url
