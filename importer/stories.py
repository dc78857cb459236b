"""One ImportItem made into a story (a draft unless asked otherwise), or the story an
earlier run made from the same original address brought up to date.

A re-run writes nothing for a story whose imported content has not changed: the values
are compared as stored, block ids and paragraph keys aside (both are derived from the
original address, or random, never content). A changed story gets a new revision; a
live one stays as it is until someone publishes that revision (or `publish` asks).
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from news.html_blocks import ImageRef, pieces_from_html
from news.models import NewsIndexPage, NewsPage
from news.snippets import Category, PartnerProject
from news.text import html_as_text

from .images import ImageProblem, LibraryImages
from .items import ImportItem
from .readers import ArchiveError

SUMMARY_MAX = NewsPage._meta.get_field("summary").max_length
TITLE_MAX = NewsPage._meta.get_field("title").max_length
_BLOCK_KEY = re.compile(r' data-block-key=\\?"[^"\\]*\\?"')
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class ItemProblem(Exception):
    """This item cannot become a story: reported and skipped."""


@dataclass
class Options:
    index: NewsIndexPage
    publish: bool = False
    create_categories: bool = False
    match_projects: bool = False
    redirects: bool = False


@dataclass
class Outcome:
    action: str  # created, updated, unchanged
    page: NewsPage | None
    warnings: list[str] = field(default_factory=list)


def news_index(index_id: int | None = None) -> NewsIndexPage:
    """The Updates page to import into: the one named, else the default site's."""
    indexes = NewsIndexPage.objects.all()
    if index_id:
        index = indexes.filter(pk=index_id).first()
        if index is None:
            raise ArchiveError(f"No Updates page has the id {index_id}.")
        return index
    site = Site.objects.filter(is_default_site=True).first()
    index = (indexes.descendant_of(site.root_page).first() if site else None) or indexes.first()
    if index is None:
        raise ArchiveError("The site has no Updates page to import into.")
    return index


def import_item(item: ImportItem, options: Options, images: LibraryImages) -> Outcome:
    if item.problem:
        raise ItemProblem(item.problem)
    title = " ".join(html_as_text(item.title).split())[:TITLE_MAX]
    if not title:
        raise ItemProblem("the item has no title")
    warnings: list[str] = []
    body = _body(item, images, warnings)
    values = {
        "title": title,
        "summary": _summary(item, body),
        "date": timezone.localdate(item.published) if item.published else timezone.localdate(),
        "body": body,
        "hero_image": _hero(item, images, warnings),
    }
    categories = _categories(item.categories, options, warnings)
    projects = _projects(title, item.html, options)
    existing = NewsPage.objects.filter(original_url=item.original_url).first()
    if existing is None:
        page = _create(item, values, options)
        action = "created"
    else:
        page = existing.get_latest_revision_as_object()
        if _same(page, values, categories, item.tags) and (
            not options.match_projects
            or {p.pk for p in page.projects.all()} == {p.pk for p in projects}
        ):
            return Outcome("unchanged", existing, warnings)
        action = "updated"
    for name, value in values.items():
        setattr(page, name, value)
    page.categories.set(categories)
    if options.match_projects:
        page.projects.set(projects)
    page.tags.set(item.tags[:20], clear=True)
    revision = page.save_revision(log_action=True)
    if options.publish:
        revision.publish()
    if options.redirects:
        _redirect(item.original_url, page)
    return Outcome(action, page, warnings)


def _create(item: ImportItem, values: dict, options: Options) -> NewsPage:
    page = NewsPage(
        title=values["title"],
        slug=_free_slug(options.index, item.original_url, values["title"]),
        summary=values["summary"],
        date=values["date"],
        original_url=item.original_url,
        live=False,
    )
    options.index.add_child(instance=page)
    return page


def _body(item: ImportItem, images: LibraryImages, warnings: list[str]) -> list[dict]:
    """The body's stored form: blocks with ids derived from the original address, so the
    same article gives the same stream on every run."""
    blocks = []
    pieces = pieces_from_html(item.html, base_url=item.original_url)
    if pieces and pieces[0].type == "heading" and _same_words(pieces[0].value["text"], item.title):
        pieces = pieces[1:]  # an article page repeats its title as its first heading
    for piece in pieces:
        value = piece.value
        if piece.type == "image":
            value = _image_block(item.image_details.get(value.src, value), value, images, warnings)
            if value is None:
                continue
        number = len(blocks)
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{item.original_url}#{number}"))
        blocks.append({"type": piece.type, "value": value, "id": block_id})
    return blocks


def _same_words(one: str, other: str) -> bool:
    return " ".join(one.lower().split()) == " ".join(html_as_text(other).lower().split())


def _image_block(details: ImageRef, ref: ImageRef, images: LibraryImages, warnings) -> dict:
    ref = ImageRef(ref.src, ref.alt or details.alt, ref.caption or details.caption, ref.credit)
    image = _library_image(ref, images, warnings)
    if image is None:
        return None
    if not ref.alt and not image.description:
        warnings.append(f"{ref.src}: no description (alt text); add one before publishing")
    return {"image": image.pk, "alt_text": ref.alt, "caption": ref.caption, "credit": ref.credit}


def _library_image(ref: ImageRef, images: LibraryImages, warnings: list[str]):
    try:
        return images.get(ref)
    except ImageProblem as problem:
        warnings.append(f"image left out: {problem}")
        return None


def _hero(item: ImportItem, images: LibraryImages, warnings: list[str]):
    if item.hero is None or not item.hero.src:
        return None
    details = item.image_details.get(item.hero.src, item.hero)
    hero = item.hero
    ref = ImageRef(hero.src, hero.alt or details.alt, hero.caption or details.caption)
    image = _library_image(ref, images, warnings)
    if image is not None and not image.description:
        # A story's hero needs alt text (the page refuses one without), and none is made up.
        warnings.append(
            f"hero image left out: {ref.src} has no description (alt text); it is in the "
            "image library: describe it there and choose it"
        )
        return None
    return image


def _summary(item: ImportItem, body: list[dict]) -> str:
    """The excerpt, else the body's first sentences, within the summary's 300 characters."""
    text = " ".join(html_as_text(item.summary).split())
    if not text:
        text = " ".join(html_as_text(b["value"]) for b in body if b["type"] == "paragraph")
    if len(text) <= SUMMARY_MAX:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > SUMMARY_MAX:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def _categories(names: list[str], options: Options, warnings: list[str]) -> list[Category]:
    found = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        slug = slugify(name)[:80]
        category = Category.objects.filter(name__iexact=name).first() or (
            Category.objects.filter(slug=slug).first() if slug else None
        )
        if category is None and options.create_categories and slug:
            category = Category.objects.create(name=name[:80], slug=slug)
        if category is None:
            warnings.append(f"category '{name}' is not on this site (--create-categories adds it)")
            continue
        found.append(category)
    return found


def _projects(title: str, html: str, options: Options) -> list[PartnerProject]:
    """Partner projects the story names: by acronym as a word (as written) or full name."""
    if not options.match_projects:
        return []
    text = f"{title} {html_as_text(html)}"
    lowered = text.lower()
    return [
        project
        for project in PartnerProject.objects.all()
        if re.search(rf"(?<!\w){re.escape(project.acronym)}(?!\w)", text)
        or (project.name and project.name.lower() in lowered)
    ]


def _same(page: NewsPage, values: dict, categories, tags: list[str]) -> bool:
    current = {
        "title": page.title,
        "summary": page.summary,
        "date": page.date,
        "body": _comparable(list(page.body.raw_data)),
        "hero_image": page.hero_image_id,
    }
    wanted = {
        **values,
        "body": _comparable(values["body"]),
        "hero_image": _pk(values["hero_image"]),
    }
    return (
        current == wanted
        and {c.pk for c in page.categories.all()} == {c.pk for c in categories}
        and sorted(t.name for t in page.tags.all()) == sorted(set(tags[:20]))
    )


def _pk(image) -> int | None:
    return image.pk if image is not None else None


def _comparable(stream: list[dict]) -> str:
    return _BLOCK_KEY.sub("", json.dumps(stream, sort_keys=True, default=str))


def _free_slug(index: NewsIndexPage, original_url: str, title: str) -> str:
    """The old address's last segment when it is a readable slug, else the title's."""
    last = urlsplit(original_url).path.rstrip("/").rsplit("/", 1)[-1]
    base = (slugify(last) if re.fullmatch(r"[\w-]{3,}", last) and not last.isdigit() else "") or (
        slugify(title)[:80] or "imported-story"
    )
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _redirect(original_url: str, page: NewsPage) -> None:
    """The old path on this site leads to the story (when the old domain moves here)."""
    path = Redirect.normalise_path(urlsplit(original_url).path or "/")
    if path in {"", "/"}:
        return
    Redirect.objects.update_or_create(
        old_path=path, site=None, defaults={"redirect_page": page, "is_permanent": True}
    )
