"""An import run: every item tried on its own, the run's outcome counted and reported.

Each item is written in a savepoint of its own, so one that fails leaves nothing behind
and the run goes on. A dry run does the same work inside a transaction it rolls back
and downloads nothing, so its report says what a real run would do.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from .images import LibraryImages
from .items import ImportItem
from .stories import ItemProblem, Options, import_item

logger = logging.getLogger(__name__)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (address, what)
    images_downloaded: int = 0
    images_reused: int = 0
    images_to_download: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        would = "would be " if self.dry_run else ""
        lines = [
            f"{self.created} stories {would}created, {self.updated} {would}updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped",
            f"images: {self.images_downloaded} downloaded, {self.images_reused} already in "
            f"the library" + (f", {self.images_to_download} to download" if self.dry_run else ""),
        ]
        lines += [f"skipped {address or '(no address)'}: {why}" for address, why in self.skipped]
        lines += [f"warning {address}: {what}" for address, what in self.warnings]
        return lines


class _DryRun(Exception):
    pass


def run_import(
    items: Iterable[ImportItem],
    options: Options,
    *,
    dry_run: bool = False,
    progress: Callable[[Iterable], Iterable] = iter,
) -> Report:
    report = Report(dry_run=dry_run)
    images = LibraryImages(download=not dry_run)
    try:
        with transaction.atomic():
            for item in progress(items):
                _one(item, options, images, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    report.images_downloaded, report.images_reused = images.downloaded, images.reused
    report.images_to_download = images.would_download
    return report


def _one(item: ImportItem, options: Options, images: LibraryImages, report: Report) -> None:
    try:
        with transaction.atomic():
            outcome = import_item(item, options, images)
    except ItemProblem as problem:
        report.skipped.append((item.original_url, str(problem)))
        return
    except Exception as error:  # noqa: BLE001 - one bad item never ends the run
        logger.exception("import of %s failed", item.original_url)
        report.skipped.append((item.original_url, f"{type(error).__name__}: {error}"))
        return
    setattr(report, outcome.action, getattr(report, outcome.action) + 1)
    report.warnings += [(item.original_url, warning) for warning in outcome.warnings]
