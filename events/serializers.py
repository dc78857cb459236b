"""API fields of an event: times with the event's own offset, place, registration."""

from rest_framework.fields import Field

from news.serializers import references_for


class PageField(Field):
    def get_attribute(self, instance):
        return instance


class StartField(PageField):
    """ISO 8601 with the offset of the event's zone (a date for all-day events)."""

    def to_representation(self, event):
        span = event.local_span()
        if span is None:
            return None
        return event.start_date.isoformat() if event.all_day else span[0].isoformat()


class EndField(PageField):
    """ISO 8601 with the offset of the event's zone (the last day for all-day events)."""

    def to_representation(self, event):
        span = event.local_span()
        if span is None:
            return None
        return event.end_date.isoformat() if event.all_day else span[1].isoformat()


class VenueField(PageField):
    def to_representation(self, event):
        if not event.has_venue:
            return None
        return {
            "name": event.venue_name,
            "address": event.venue_address,
            "city": event.venue_city,
            "country": event.venue_country,
        }


class OnlineAddressField(PageField):
    def to_representation(self, event):
        return event.online_link or None


class RegistrationField(PageField):
    def to_representation(self, event):
        url = event.registration_link
        if not url:
            return None
        deadline = event.registration_deadline
        return {
            "url": url,
            "deadline": deadline.isoformat() if deadline else None,
            "open": event.registration_open,
        }


class StoriesField(PageField):
    """Published news about this event: id, title and page (prefetched for listings)."""

    def to_representation(self, event):
        refs = references_for(self, event)
        return [
            {"id": story.pk, "title": story.title, "url": refs.full_url(story)}
            for story in event.stories()
        ]
