"""Counters of windows that have passed are deleted every hour."""

from datetime import timedelta

from django.utils import timezone

from django_tasks import task

from worker import clock

from .models import RateCounter

LONGEST_WINDOW = timedelta(days=1)


@task()
def prune_rate_counters() -> int:
    return RateCounter.objects.filter(window_start__lt=timezone.now() - LONGEST_WINDOW).delete()[0]


clock.register(
    clock.Periodic(name="prune-rate-counters", every=lambda: timedelta(hours=1),
                   task=prune_rate_counters)
)  # fmt: skip
