"""When the next scheduled digest is due, from the editors' newsletter settings."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import Digest, NewsletterSettings


def latest_slot(settings: NewsletterSettings, now: datetime) -> datetime | None:
    """The most recent scheduled moment at or before `now` (site time zone), or None
    when digests are sent only by hand."""
    if settings.frequency == NewsletterSettings.Frequency.OFF:
        return None
    local = timezone.localtime(now)
    slot = timezone.make_aware(datetime.combine(local.date(), time(min(settings.hour, 23))))
    if settings.frequency == NewsletterSettings.Frequency.WEEKLY:
        slot -= timedelta(days=(slot.weekday() - settings.weekday) % 7)
    while slot > now:
        slot -= timedelta(days=7 if settings.frequency == "weekly" else 1)
    return slot


def scheduled_digest_due(now: datetime | None = None) -> bool:
    """Due when the latest slot has passed and no scheduled digest was started since."""
    now = now or timezone.now()
    settings = NewsletterSettings.load()
    slot = latest_slot(settings, now)
    if slot is None or slot < settings.created_at:
        return False
    return not Digest.objects.filter(trigger=Digest.Trigger.SCHEDULE, created_at__gte=slot).exists()
