"""An event's key facts (when, where, how to join and register), said once for every
output: the event page, feed entries and the calendar's DESCRIPTION."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .when import describe


@dataclass(frozen=True)
class Fact:
    label: str
    text: str
    url: str = ""  # on the allow-list already (see EventPage.online_link)
    machine: str = ""  # for <time datetime="…">


def event_facts(event) -> list[Fact]:
    facts = [Fact("When", describe(event), machine=_iso_start(event))]
    if event.status != "scheduled":
        facts.append(Fact("Status", event.get_status_display()))
    if event.has_venue:
        facts.append(Fact("Where", event.venue_text))
    if event.online_link:
        facts.append(Fact("Online", "Join online", event.online_link))
    if event.registration_link:
        if event.registration_open:
            deadline = event.registration_deadline
            by = f" by {date_format(deadline, 'j F Y')}" if deadline else ""
            facts.append(Fact("Registration", f"Register{by}", event.registration_link))
        else:
            facts.append(Fact("Registration", "Registration is closed."))
    projects = event.classification.projects
    if projects:
        facts.append(Fact("Organised by", ", ".join(project.name for project in projects)))
    return facts


def _iso_start(event) -> str:
    span = event.local_span()
    if span is None:
        return ""
    return event.start_date.isoformat() if event.all_day else span[0].isoformat()


def facts_html(facts: Iterable[Fact]) -> SafeString:
    """A definition list for feed entries; every value escaped."""
    rows = format_html_join(
        "",
        "<dt>{}</dt><dd>{}</dd>",
        ((fact.label, _value_html(fact)) for fact in facts),
    )
    return format_html('<dl class="event-facts">{}</dl>', rows)


def _value_html(fact: Fact) -> SafeString:
    if fact.url:
        return format_html('<a href="{}">{}</a>', fact.url, fact.text)
    return format_html("{}", fact.text)


def facts_text(facts: Iterable[Fact]) -> str:
    """Plain text lines, addresses spelled out, for calendars."""
    return "\n".join(
        f"{fact.label}: {fact.text}" + (f" – {fact.url}" if fact.url else "") for fact in facts
    )
