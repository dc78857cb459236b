"""Add N events to the generated site: `python -m bench.eventgen N`.

Events go through Wagtail's own path (`add_child`, a revision, publishing), as editors
make them, spread from ten months ago to ten months ahead so that every one falls inside
the site calendar's window; each is classified like the demo's, so calendars and the
events feed load categories, projects and tags as on a live site.
"""

import datetime
import os
import random
import sys

import django


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from events.models import EventIndexPage, EventPage
    from news.snippets import Category, PartnerProject

    rng = random.Random(7)
    index = EventIndexPage.objects.get()
    categories, projects = list(Category.objects.all()), list(PartnerProject.objects.all())
    today = timezone.localdate()
    formats = {
        "in-person": {"venue_name": "Conference centre", "venue_city": "Brussels",
                      "venue_country": "Belgium"},
        "online": {"online_url": "https://meet.example.org/session"},
        "hybrid": {"venue_name": "Conference centre", "venue_city": "Ljubljana",
                   "venue_country": "Slovenia", "online_url": "https://meet.example.org/h"},
    }  # fmt: skip
    with transaction.atomic():
        for n in range(count):
            kind = rng.choice(list(formats))
            start = today + datetime.timedelta(days=rng.randint(-300, 300))
            event = EventPage(
                title=f"Generated event {n}",
                slug=f"generated-event-{n}",
                summary=f"Generated event {n}: a meeting of the network's projects.",
                start_date=start,
                end_date=start + datetime.timedelta(days=n % 2),
                start_time=datetime.time(9 + n % 6, 0),
                end_time=datetime.time(16, 30),
                time_zone=rng.choice(["Europe/Brussels", "Europe/Berlin", "America/New_York"]),
                format=kind,
                registration_url="https://forms.example.org/register",
                status=rng.choice(["scheduled"] * 8 + ["postponed", "cancelled"]),
                **formats[kind],
            )
            index.add_child(instance=event)
            event.categories.set([rng.choice(categories)])
            event.projects.set(rng.sample(projects, 2))
            event.tags.set([f"topic {n % 30}"])
            event.save_revision().publish()
    print(f"generated {count} events")


if __name__ == "__main__":
    main(int(sys.argv[1]))
