"""Importing many partner feeds at once from an OPML file (admin upload or command).

Each outline with an `xmlUrl` becomes a source of the project it names: the project
given for the whole file, else the first of the outline's own or its parent outlines'
`text`/`title`/`category` that matches a project's acronym, slug or name.
"""

from dataclasses import dataclass, field

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from news.sanitize import safe_web_url
from news.snippets import PartnerProject

from .models import FeedSource

MAX_OUTLINES = 2000


class OpmlError(Exception):
    pass


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # no project found
    invalid: list[str] = field(default_factory=list)  # not an http(s) address

    def summary(self) -> str:
        return (
            f"{len(self.created)} added, {len(self.existing)} already known, "
            f"{len(self.unmatched)} without a matching project, {len(self.invalid)} invalid"
        )


def import_opml(data: bytes, *, project: PartnerProject | None = None) -> ImportReport:
    try:
        root = defusedxml.ElementTree.fromstring(data)
    except (DefusedXmlException, defusedxml.ElementTree.ParseError) as error:
        raise OpmlError(f"not a readable OPML file: {error}") from error
    if root.tag != "opml" or root.find("body") is None:
        raise OpmlError("not an OPML file (no <opml> with a <body>)")
    names = _project_names()
    report = ImportReport()
    for outline, ancestors in list(_feeds(root.find("body"), []))[:MAX_OUTLINES]:
        url = safe_web_url(outline.get("xmlUrl", "").strip())
        too_long = len(url) > FeedSource._meta.get_field("url").max_length
        if not url or too_long or not url.startswith(("http://", "https://")):
            report.invalid.append(outline.get("xmlUrl", "")[:200])
            continue
        owner = project or _match(names, [outline, *reversed(ancestors)])
        if owner is None:
            report.unmatched.append(url)
            continue
        _, created = FeedSource.objects.get_or_create(url=url, defaults={"project": owner})
        (report.created if created else report.existing).append(url)
    return report


def _feeds(element, ancestors):
    for outline in element.findall("outline"):
        if outline.get("xmlUrl"):
            yield outline, ancestors
        yield from _feeds(outline, [*ancestors, outline])


def _project_names() -> dict[str, PartnerProject]:
    names = {}
    for project in PartnerProject.objects.all():
        for name in (project.acronym, project.slug, project.name):
            names.setdefault(name.strip().lower(), project)
    return names


def _match(names: dict, outlines) -> PartnerProject | None:
    for outline in outlines:
        for attribute in ("category", "text", "title"):
            for value in outline.get(attribute, "").replace("/", ",").split(","):
                if value.strip().lower() in names:
                    return names[value.strip().lower()]
    return None
