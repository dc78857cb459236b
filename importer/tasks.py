"""An import asked for in the admin runs in the worker, in the `network` lane (it fetches
from other sites, so it must never hold up scheduled publishing)."""

from django_tasks import task

from .readers import ArchiveError
from .run import run_import
from .sources import items_for, release
from .stories import Options, news_index

QUEUE = "network"


@task(queue_name=QUEUE)
def import_archive(
    kind: str,
    location: str,
    *,
    index_id: int | None = None,
    publish: bool = False,
    create_categories: bool = False,
    match_projects: bool = False,
    redirects: bool = False,
    dry_run: bool = False,
) -> list[str]:
    """The report's lines (shown on the admin's import page)."""
    try:
        items = list(items_for(kind, location))
    except ArchiveError as error:
        return [f"nothing imported: {error}"]
    finally:
        release(location)
    options = Options(
        index=news_index(index_id),
        publish=publish,
        create_categories=create_categories,
        match_projects=match_projects,
        redirects=redirects,
    )
    return run_import(items, options, dry_run=dry_run).lines()
