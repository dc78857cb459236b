from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events: the network's meetings as pages, published with the same rules as news."""

    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.visibility import register_moments

        from . import signals  # noqa: F401
        from .models import EventPage

        # An event ending leaves `upcoming=true`; a deadline passing closes registration.
        register_moments(
            lambda now: EventPage.objects.filter(live=True, ends_at__gt=now).values_list(
                "ends_at", flat=True
            )
        )
        register_moments(
            lambda now: EventPage.objects.filter(
                live=True, registration_closes_at__gt=now
            ).values_list("registration_closes_at", flat=True)
        )
