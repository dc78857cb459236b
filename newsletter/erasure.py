"""Erasure that erases: when a subscriber row goes (erasure in the admin, `erase()`, the
clean-up of unconfirmed addresses), the traces Wagtail keeps of it go too.

Wagtail's log entries keep a deleted object's label (here: the e-mail address) and the
admin logs the deletion itself under that label, just before the row goes. Their label
and data are replaced, so the history still says that a subscriber was created, changed
and erased, by whom and when, without naming them. Consents and deliveries go with the
row (cascade); rate-limit counters only ever held keyed hashes; queued jobs name
subscribers by id.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import ModelLogEntry

from .models import Subscriber


@receiver(post_delete, sender=Subscriber)
def forget_subscriber_in_logs(sender, instance: Subscriber, **kwargs) -> None:
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber), object_id=str(instance.pk)
    ).update(label=f"Erased subscriber {instance.pk}", data={})
