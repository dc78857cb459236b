"""One story as an archive gives it, before it is a page."""

from dataclasses import dataclass, field
from datetime import datetime

from news.html_blocks import ImageRef


@dataclass
class ImportItem:
    """A story read from a source. `original_url` is its identity: a re-run that meets
    the same address updates the story made from it."""

    original_url: str
    title: str
    html: str  # the body as the source has it; made into blocks on import
    published: datetime | None = None
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    hero: ImageRef | None = None
    # Alt text and captions the source keeps apart from the body (WordPress attachments),
    # by image address.
    image_details: dict[str, ImageRef] = field(default_factory=dict)
    problem: str = ""  # set when the source item cannot become a story (reported, skipped)
