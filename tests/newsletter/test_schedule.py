"""When scheduled digests are due, from the editors' settings (site time zone)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from newsletter.models import Digest, NewsletterSettings
from newsletter.schedule import latest_slot, scheduled_digest_due

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("frequency", "now", "slot"),
    [
        ("weekly", at(2026, 11, 26, 9, 30), at(2026, 11, 26, 9)),  # Thursday 09:30
        ("weekly", at(2026, 11, 26, 8, 59), at(2026, 11, 19, 9)),  # just before: last week
        ("weekly", at(2026, 11, 30, 12), at(2026, 11, 26, 9)),  # the Monday after
        ("daily", at(2026, 11, 30, 8), at(2026, 11, 29, 9)),
        ("weekly", at(2026, 3, 30, 10), at(2026, 3, 26, 9)),  # across the clock change
        ("off", at(2026, 11, 26, 9, 30), None),
    ],
)
def test_latest_slot(frequency, now, slot):
    settings = NewsletterSettings(frequency=frequency, weekday=3, hour=9)
    assert latest_slot(settings, now) == slot


def test_due_once_per_slot_and_never_for_slots_before_set_up(db, time_machine):
    time_machine.move_to(at(2026, 11, 24, 12), tick=False)  # Tuesday: the newsletter set up
    NewsletterSettings.load()
    assert not scheduled_digest_due()  # last Thursday's slot came before the set-up
    time_machine.move_to(at(2026, 11, 26, 9, 1), tick=False)
    assert scheduled_digest_due()
    Digest.objects.create(until=at(2026, 11, 26, 9, 1), trigger="schedule")
    assert not scheduled_digest_due()
