"""Sent when fetching wrote items (bulk writes send no model signals), so the layers above
can retire cached answers."""

from django.dispatch import Signal

items_changed = Signal()
