"""Template helpers for event pages: when, in words, and schema.org Event JSON-LD."""

from django import template
from django.utils.safestring import SafeString

from news.jsonld import json_ld_script
from news.sanitize import safe_web_url

from ..when import describe, iso_span

register = template.Library()

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
ATTENDANCE = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


@register.simple_tag
def event_when(event) -> str:
    return describe(event)


def _organization(project) -> dict:
    organization = {"@type": "Organization", "name": project.name}
    if website := safe_web_url(project.website):
        organization["url"] = website
    return organization


@register.simple_tag(takes_context=True)
def event_jsonld(context, event, hero=None) -> SafeString:
    """schema.org Event for search engines, escaped so content cannot close the tag."""
    start, end = iso_span(event) or ("", "")
    locations = []
    if event.has_venue:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue_address,
                    "addressLocality": event.venue_city,
                    "addressCountry": event.venue_country,
                },
            }
        )
    if event.online_link:
        locations.append({"@type": "VirtualLocation", "url": event.online_link})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": start,
        "endDate": end,
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE[event.format],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [_organization(project) for project in event.classification.projects],
        "url": event.get_full_url(),
    }
    if event.registration_open:
        data["offers"] = {
            "@type": "Offer",
            "url": event.registration_link,
            "availability": "https://schema.org/InStock",
        }
        if event.registration_closes_at:
            data["offers"]["validThrough"] = event.registration_closes_at.isoformat()
    if hero:
        data["image"] = [hero["renditions"]["og"]["url"]]
    return json_ld_script(data)
