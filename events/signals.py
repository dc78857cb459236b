"""What publishing an event changes outside its page: its calendar SEQUENCE."""

import hashlib

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from .models import CalendarEntry, EventPage

# What a calendar must announce as a change (RFC 5545: time, place or status).
SCHEDULE_FIELDS = (
    "starts_at", "ends_at", "all_day", "time_zone", "format", "venue_name", "venue_address",
    "venue_city", "venue_country", "online_url", "status",
)  # fmt: skip


def schedule_fingerprint(event: EventPage) -> str:
    values = "\x1f".join(str(getattr(event, name)) for name in SCHEDULE_FIELDS)
    return hashlib.sha256(values.encode()).hexdigest()


@receiver(page_published, sender=EventPage)
def count_schedule_changes(sender, instance, **kwargs):
    """SEQUENCE grows with every published change of time, place or status."""
    fingerprint = schedule_fingerprint(instance)
    with transaction.atomic():
        entry, created = CalendarEntry.objects.select_for_update().get_or_create(
            event=instance, defaults={"fingerprint": fingerprint}
        )
        if not created and entry.fingerprint != fingerprint:
            entry.sequence += 1
            entry.fingerprint = fingerprint
            entry.save(update_fields=["sequence", "fingerprint"])
