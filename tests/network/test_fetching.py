"""Fetching partner feeds from a real local HTTP server: politely, safely, and never
letting one bad feed stop the rest."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

import pytest

from network.models import FeedSource, NetworkItem
from network.refresh import refresh
from network.signals import items_changed
from network.tasks import fetch_due_sources
from news.querysets import matching
from tests.network import feeds
from tests.servers import Reply

RSS_TYPE = {"Content-Type": "application/rss+xml"}


def source_for(server, project, path: str, reply: Reply | None = None) -> FeedSource:
    if reply is not None:
        server.routes[path] = reply
    return FeedSource.objects.create(project=project, url=server.url + path)


def titles(source) -> list[str]:
    return sorted(source.items.values_list("title", flat=True))


def test_rss_atom_and_json_feed_become_items(partner_site, project):
    rss = source_for(partner_site, project, "/rss", Reply(body=feeds.RSS, headers=RSS_TYPE))
    atom = source_for(partner_site, project, "/atom", Reply(body=feeds.ATOM))
    jsonf = source_for(partner_site, project, "/json", Reply(body=feeds.json_feed()))
    for source in (rss, atom, jsonf):
        assert refresh(source).startswith("200 OK"), source.last_status
    assert titles(rss) == ["Pilot line opens", "Workshop report"]
    item = rss.items.get(original_id="permanet-1")
    assert item.link == "https://permanet.example.org/news/pilot-line"
    assert item.published_at == datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    assert item.summary == "The pilot line opened."
    assert 'src="https://permanet.example.org/news/img/line.jpg"' not in item.content
    assert 'src="https://permanet.example.org/img/line.jpg"' in item.content
    assert item.categories == ["Recycling"]
    assert item.image_url == "https://permanet.example.org/img/line-small.jpg"
    assert (rss.title, rss.item_count, rss.consecutive_errors) == ("PERMANET news", 2, 0)
    results = atom.items.get()
    assert results.original_id == "tag:passenger.example.org,2026:results"
    assert 'href="https://passenger.example.org/deliverables"' in results.content
    assert results.updated_at > results.published_at
    meeting = jsonf.items.get()
    assert (meeting.original_id, meeting.categories) == ("remhub-7", ["Clustering"])
    assert meeting.image_url == "https://remhub.example.org/7.png"
    request = partner_site.received[0]
    assert request.headers["User-Agent"].startswith("PermanentMagnetsNetworkHub/1.0 (+http")


@pytest.mark.indexes
def test_fetched_items_enter_the_search_index_and_leave_it_when_changed(partner_site, project):
    """Items are written in bulk (no save signals): the fetch indexes them itself."""
    source = source_for(partner_site, project, "/rss", Reply(body=feeds.RSS, headers=RSS_TYPE))
    refresh(source)
    assert matching_titles("opening pilots") == ["Pilot line opens"]
    assert matching_titles("inaugurating") == []
    renamed = feeds.RSS.replace(b"Pilot line opens", b"Demonstrator inaugurated")
    partner_site.routes["/rss"] = Reply(body=renamed, headers=RSS_TYPE)
    refresh(source)
    assert matching_titles("inaugurating") == ["Demonstrator inaugurated"]
    assert matching_titles("opening pilots") == ["Demonstrator inaugurated"]  # its text


def matching_titles(text: str) -> list[str]:
    return sorted(matching(NetworkItem.objects.all(), text).values_list("title", flat=True))


def test_an_unchanged_feed_costs_one_conditional_request_and_no_writes(partner_site, project):
    def conditional(headers):
        if headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return Reply(body=feeds.RSS, headers={"ETag": '"v1"', "Last-Modified":
                                              "Tue, 10 Nov 2026 09:00:00 GMT"})  # fmt: skip

    source = source_for(partner_site, project, "/conditional")
    partner_site.routes["/conditional"] = conditional
    refresh(source)
    written = []
    items_changed.connect(lambda **kw: written.append(kw), weak=False, dispatch_uid="t")
    try:
        assert refresh(source) == "304 Not Modified"
    finally:
        items_changed.disconnect(dispatch_uid="t")
    second = partner_site.received[1].headers
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Tue, 10 Nov 2026 09:00:00 GMT"
    assert written == [] and source.items.count() == 2


def test_the_same_item_again_updates_its_row(partner_site, project):
    first = feeds.rss_with(feeds.rss_item("Old title", guid="g1"),
                           feeds.rss_item("Duplicate guid", guid="g1"))  # fmt: skip
    source = source_for(partner_site, project, "/dup", Reply(body=first))
    refresh(source)
    assert titles(source) == ["Old title"]  # one row per id; the first copy wins
    partner_site.routes["/dup"] = Reply(body=feeds.rss_with(feeds.rss_item("New title", guid="g1")))
    refresh(source)
    assert titles(source) == ["New title"]


def test_items_without_id_or_date_are_keyed_by_link_and_title_and_dated_when_seen(
    partner_site, project, time_machine
):
    seen = datetime(2026, 11, 20, 12, tzinfo=UTC)
    time_machine.move_to(seen, tick=False)
    body = feeds.rss_with(feeds.rss_item("Undated", guid=None, date=None))
    source = source_for(partner_site, project, "/plain", Reply(body=body))
    refresh(source)
    item = source.items.get()
    assert item.original_id.startswith("sha256:") and item.published_at == seen
    time_machine.move_to(seen + timedelta(hours=1), tick=False)
    source.next_fetch_at = timezone.now()
    refresh(source)
    assert source.items.get().published_at == seen  # the same row, its first sighting kept


def test_hostile_html_is_sanitised(partner_site, project):
    source = source_for(partner_site, project, "/hostile", Reply(body=feeds.HOSTILE))
    refresh(source)
    item = source.items.get()
    for bad in ("<script", "onclick", "onerror", "javascript:", "alert(1)"):
        assert bad not in item.content and bad not in item.title, bad
    assert 'href="https://partner.example.org/news/more"' in item.content
    assert item.title == "Hostile"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (feeds.BILLION_LAUGHS, "entities"),
        (feeds.EXTERNAL_ENTITY, "entities"),
        (b"\x00\x01 binary", "not a feed"),
    ],
)
def test_unreadable_or_hostile_xml_is_an_error_of_that_source(partner_site, project, body, reason):
    source = source_for(partner_site, project, "/bad", Reply(body=body))
    outcome = refresh(source)
    assert outcome.startswith("error:") and reason in outcome, outcome
    assert source.items.count() == 0 and source.consecutive_errors == 1


def test_broken_xml_is_read_as_far_as_it_goes_and_the_source_moves_on(partner_site, project):
    source = source_for(partner_site, project, "/broken", Reply(body=feeds.BROKEN + b"<<&&"))
    outcome = refresh(source)  # feedparser's lenient reading, no exception
    assert source.last_status == outcome and source.next_fetch_at > timezone.now()
    assert all(item.link.startswith("https://") for item in source.items.all())


def test_too_large_and_too_slow_answers_are_cut_off(partner_site, project, settings):
    huge = source_for(partner_site, project, "/huge", Reply(body=b"<rss>" + b" " * 20_000_000))
    assert "larger than 5 MB" in refresh(huge)
    slow = source_for(partner_site, project, "/slow", Reply(body=feeds.RSS, delay=4))
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 0.5
    started = datetime.now()
    assert refresh(slow).startswith("error:")
    assert datetime.now() - started < timedelta(seconds=3)


def test_redirects_permanent_ones_update_the_address(partner_site, project):
    partner_site.routes["/feed"] = Reply(body=feeds.RSS)
    partner_site.routes["/moved"] = Reply(301, headers={"Location": "/feed"})
    moved = source_for(partner_site, project, "/moved")
    refresh(moved)
    assert moved.url == partner_site.url + "/feed" and moved.items.count() == 2
    partner_site.routes["/temporary"] = Reply(302, headers={"Location": "/feed"})
    temporary = source_for(partner_site, project, "/temporary")
    refresh(temporary)
    assert temporary.url == partner_site.url + "/temporary"
    for n in range(7):
        partner_site.routes[f"/hop{n}"] = Reply(302, headers={"Location": f"/hop{n + 1}"})
    assert "more than 5 redirects" in refresh(source_for(partner_site, project, "/hop0"))


def test_gone_deactivates_and_errors_back_off(partner_site, project, time_machine):
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    time_machine.move_to(now, tick=False)
    gone = source_for(partner_site, project, "/gone", Reply(410))
    refresh(gone)
    assert gone.active is False and "410" in gone.last_status
    failing = source_for(partner_site, project, "/down", Reply(503))
    delays = []
    for _ in range(3):
        refresh(failing)
        delays.append(failing.next_fetch_at - now)
    assert delays == [timedelta(minutes=30), timedelta(minutes=60), timedelta(minutes=120)]
    assert failing.consecutive_errors == 3 and failing.active
    partner_site.routes["/down"] = Reply(body=feeds.RSS)
    refresh(failing)
    assert failing.consecutive_errors == 0 and failing.next_fetch_at == now + timedelta(minutes=30)


def test_private_addresses_are_refused_also_after_a_redirect(partner_site, project, settings):
    partner_site.routes["/feed"] = Reply(body=feeds.RSS)
    partner_site.routes["/to-private"] = Reply(302, headers={
        "Location": f"http://127.0.0.2:{partner_site.url.rsplit(':', 1)[1]}/feed"})  # fmt: skip
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    direct = refresh(source_for(partner_site, project, "/feed"))
    assert "not a public address" in direct
    # This hub may read its own machine's 127.0.0.1 only (an intranet allow-list) …
    import ipaddress

    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = (ipaddress.ip_network("127.0.0.1/32"),)
    redirected = source_for(partner_site, project, "/to-private")
    outcome = refresh(redirected)
    # … so the first hop is fetched, and the redirect to 127.0.0.2 is refused.
    assert "127.0.0.2" in outcome and "not a public address" in outcome
    assert [r.path for r in partner_site.received] == ["/to-private"]
    for url in ("file:///etc/passwd", "ftp://partner.example.org/feed", "gopher://x/"):
        assert "only http and https" in refresh(FeedSource.objects.create(project=project, url=url))


def test_one_broken_source_never_stops_the_others(partner_site, project):
    source_for(partner_site, project, "/broken", Reply(body=feeds.BROKEN))
    source_for(partner_site, project, "/error", Reply(500))
    good = source_for(partner_site, project, "/good", Reply(body=feeds.ATOM))
    FeedSource.objects.create(project=project, url="http://no-such-host.invalid/feed")
    outcomes = fetch_due_sources.call()
    assert len(outcomes) == 4
    assert good.items.count() == 1
    assert NetworkItem.objects.count() == 1
    assert not FeedSource.objects.filter(next_fetch_at__lte=timezone.now()).exists()


def test_an_address_that_cannot_be_read_is_refused_not_raised():
    """`https://[host/` (a bracket never closed) is refused like any other bad address:
    it raised ValueError past every caller that handles a refusal."""
    from network.guard import Refused, check_url

    with pytest.raises(Refused, match="cannot be read"):
        check_url("https://[broken/inbox")
