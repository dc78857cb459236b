"""The one publication moment: what "published" means for a story, in every output.

A story is published when it first went live, except that a story dated earlier than
that (backdated by its editor, or imported from an old site) was published on its date:
it must not arrive in feed readers, the river or the newsletter as news of today. Such a
story is placed at noon of its date in the site's time zone, not at midnight: 00:30 in
Brussels is the day before in UTC and in every reader's zone west of it.

News pages store the moment (`NewsPage.published_at`, set at each publish) so that
listings, feeds and the river can order by it in the database.
"""

from datetime import UTC, date, datetime, time

from django.utils import timezone

BACKDATED_TIME_OF_DAY = time(12, 0)


def publication_moment(*, went_live: datetime | None, dated: date | None) -> datetime | None:
    """When readers should see the story as published; None for one never live."""
    if went_live is None:
        return None
    if dated is not None and dated < timezone.localtime(went_live).date():
        return timezone.make_aware(datetime.combine(dated, BACKDATED_TIME_OF_DAY)).astimezone(UTC)
    return went_live
