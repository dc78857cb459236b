"""A digest for 10,000 confirmed subscribers: `python -m bench.newsletter` prints JSON.

Subscribers follow everything (60 %) or one or two of the partner projects and
categories; all got their last digest a week ago, and the generated news arrived since.
Mails are built in full and handed to Django's dummy backend (no network): the figures are
ours, not a mail server's. Queries are counted by phase; the sending phase's one UPDATE
per mail (the delivery record that makes a killed worker resume safely) is counted apart.
"""

import json
import os
import random
import time

import django

SUBSCRIBERS = 10_000


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from news.snippets import Category, PartnerProject
    from newsletter import sending
    from newsletter.models import Digest, Subscriber

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    rng = random.Random(3)
    week_ago = timezone.now() - timedelta(days=7)
    projects, categories = list(PartnerProject.objects.all()), list(Category.objects.all())
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"reader{n}@example.org", status="confirmed",
                       all_news=rng.random() < 0.6, confirmed_at=week_ago,
                       digested_until=week_ago)
            for n in range(SUBSCRIBERS)
        ],
        batch_size=1000,
    )  # fmt: skip
    chosen = Subscriber.objects.filter(all_news=False)
    project_links, category_links = [], []
    for subscriber in chosen:
        project_links.append(
            Subscriber.projects.through(subscriber=subscriber, partnerproject=rng.choice(projects))
        )
        if rng.random() < 0.5:
            category_links.append(
                Subscriber.categories.through(
                    subscriber=subscriber, category=rng.choice(categories)
                )
            )
    Subscriber.projects.through.objects.bulk_create(project_links, batch_size=1000)
    Subscriber.categories.through.objects.bulk_create(category_links, batch_size=1000)

    # Counted as they run (Django's captured-query log keeps only the last 9,000).
    counts = {"start": 0, "send": 0, "per_mail": 0}
    phase = "start"

    def count(execute, sql, params, many, context):
        counts[phase] += 1
        if phase == "send" and sql.startswith('UPDATE "newsletter_delivery"') and "sent_at" in sql:
            counts["per_mail"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        digest = sending.start_digest(Digest.Trigger.COMMAND)
        start_seconds = time.perf_counter() - started
        phase = "send"
        started = time.perf_counter()
        outcome = sending.send_digest(digest)
        send_seconds = time.perf_counter() - started
    per_mail = counts["per_mail"]
    batches = -(-SUBSCRIBERS // settings.NEWSLETTER_BATCH_SIZE)
    print(json.dumps({
        "subscribers": SUBSCRIBERS,
        "batch_size": settings.NEWSLETTER_BATCH_SIZE,
        "batches": batches,
        "start_queries": counts["start"],
        "start_seconds": round(start_seconds, 2),
        "send_queries_other": counts["send"] - per_mail,
        "send_queries_per_mail_record": per_mail,
        "send_seconds": round(send_seconds, 1),
        "mails": outcome["sent"],
        "nothing_new": outcome["nothing-new"],
        "renderings": outcome["renderings"],
        "mails_per_second": round(outcome["sent"] / send_seconds) if send_seconds else None,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
