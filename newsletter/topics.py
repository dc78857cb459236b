"""What a subscriber follows: everything, or chosen categories and partner projects.

Said as strings in forms and the API: `all`, `category:<slug>`, `project:<slug>`.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from news.filters import FilterError

ALL = "all"
KINDS = ("category", "project")
MAX_TOPICS = 50


@dataclass(frozen=True)
class Topics:
    all_news: bool = True
    categories: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()

    def as_strings(self) -> list[str]:
        if self.all_news:
            return [ALL]
        return [f"category:{s}" for s in self.categories] + [f"project:{s}" for s in self.projects]

    @property
    def key(self) -> str:
        """Equal for everyone who follows the same topics: one rendering serves them all."""
        return ",".join(self.as_strings())


def parse_topics(
    values: Iterable[str], *, known: dict[str, set[str]], strict: bool = True
) -> Topics:
    """Topics from strings, checked against the known slugs of each kind; nothing or
    `all` means everything. Not `strict`: unknown ones are left out instead of refused."""
    values = [str(value).strip() for value in values]
    if len(values) > MAX_TOPICS:
        raise FilterError("topics", f"at most {MAX_TOPICS} topics.")
    if not values or ALL in values:
        return Topics()
    chosen: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for value in values:
        kind, _, slug = value.partition(":")
        if kind not in KINDS or not slug:
            raise FilterError(
                "topics", f"'{value[:50]}' is not 'all', 'category:<slug>' or 'project:<slug>'."
            )
        if slug not in known[kind]:
            if not strict:
                continue
            raise FilterError("topics", f"there is no {kind} '{slug[:50]}'.")
        chosen[kind].add(slug)
    return Topics(
        all_news=False,
        categories=tuple(sorted(chosen["category"])),
        projects=tuple(sorted(chosen["project"])),
    )
