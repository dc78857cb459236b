"""The dissemination report: reads counted through the middleware, flushed by the worker,
attributed to stories, events and projects; newsletter issues with the subscribers they
brought a project's stories to; the same figures on the Reach page, in the printable
report, the CSV, the workbook (read back with openpyxl) and from the command."""

import csv
import datetime
import io
from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from fediverse.models import Actor, Follower
from newsletter.models import Digest, DigestPage, DigestProject, Subscriber
from reach.exports import activity_rows, as_xlsx
from reach.flush import flush
from reach.models import DailyReads, FeedSubscribers
from reach.report import Period, build
from tests.conftest import committed_for_module
from tests.deploy.redis_server import RedisServer
from tests.factories import build_site, make_event, make_events_index, make_news, make_project
from tests.newsletter.smtp import SMTPServer
from tests.reach.test_counting import BROWSER

TODAY = timezone.localdate()
PERIOD = {"start": str(TODAY - datetime.timedelta(days=29)), "end": str(TODAY)}
PARTNER = "https://www.permanet.eu"
PANEL = "Reach and the dissemination report"  # the dashboard panel's link
FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; )"


@pytest.fixture(scope="module")
def stored_network(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two projects, stories and an event, read through the site (counted in a Redis of
    the module's own), a digest sent over SMTP, and the counts flushed by the worker's
    flush: stored once for the module; each test runs in a transaction rolled back."""
    mail_settings = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False,
    }  # fmt: skip
    with (
        committed_for_module(django_db_blocker),
        RedisServer(tmp_path_factory.mktemp("reach-report")) as redis_server,
        SMTPServer() as smtp,
        override_settings(REACH_REDIS_URL=redis_server.url, REACH_KEY_PREFIX="reach-report",
                          REACH_PUSH_SECONDS=0, EMAIL_PORT=smtp.port, **mail_settings),
    ):  # fmt: skip
        yield _read_network()


@pytest.fixture
def network(stored_network, db):
    return stored_network


def _read_network() -> dict:
    home, news_index = build_site()
    permanet, passenger = make_project("PERMANET"), make_project("PASSENGER")
    events_index = make_events_index(home)
    magnets = make_news(news_index, title="Magnets without rare earths", projects=[permanet])
    joint = make_news(news_index, title="=A joint result", projects=[permanet, passenger])
    other = make_news(news_index, title="Only PASSENGER", projects=[passenger])
    workshop = make_event(
        events_index, title="Recycling workshop", projects=[permanet],
        start_date=TODAY - datetime.timedelta(days=3), format="hybrid",
        venue_name="Fraunhofer IWKS", venue_city="Hanau", venue_country="Germany",
        online_url="https://meet.example.org/recycling",
    )  # fmt: skip
    for n in range(3):
        Subscriber.objects.create(
            email=f"reader{n}@example.org", status="confirmed", all_news=n == 0,
            confirmed_at=timezone.now(),
        ).projects.set([passenger] if n else [])  # fmt: skip
    call_command("send_newsletter", stdout=io.StringIO())

    browser = Client(HTTP_USER_AGENT=BROWSER)
    reads = [(magnets.url, 7), (joint.url, 6), (other.url, 9), (workshop.url, 2),
             (f"/api/v2/pages/{magnets.pk}/", 5), ("/feeds/projects/permanet.rss", 6),
             (f"/events/{workshop.slug}.ics", 1)]  # fmt: skip
    for path, times in reads:
        for _ in range(times):
            assert browser.get(path).status_code == 200, path
    Client(HTTP_USER_AGENT=FEEDLY).get("/feeds/projects/permanet.rss")
    for _ in range(5):  # a partner site's page loading the widget
        browser.get("/widgets/news.js", HTTP_REFERER=PARTNER + "/news/")
    flush()
    return {"permanet": permanet, "passenger": passenger, "magnets": magnets, "joint": joint,
            "other": other, "workshop": workshop}  # fmt: skip


def test_reads_and_digests_are_attributed_to_pages_and_projects_when_written(network):
    rows = {row.path: row for row in DailyReads.objects.all()}
    assert rows[network["magnets"].url].page_id == network["magnets"].pk
    assert rows[f"/api/v2/pages/{network['magnets'].pk}/"].page_id == network["magnets"].pk
    assert rows[f"/events/{network['workshop'].slug}.ics"].page_id == network["workshop"].pk
    assert rows["/feeds/projects/permanet.rss"].project == network["permanet"]
    assert FeedSubscribers.objects.get().project == network["permanet"]
    carried = dict(DigestPage.objects.values_list("page_id", "recipients"))
    # (the workshop is over: digests carry events only while they are to come)
    assert carried == {network["magnets"].pk: 1, network["joint"].pk: 3, network["other"].pk: 3}
    projects = {p.project.acronym: p.recipients for p in DigestProject.objects.all()}
    assert projects == {"PERMANET": 3, "PASSENGER": 3}


def test_a_projects_report_counts_its_stories_events_and_newsletter_issues(network):
    report = build(network["permanet"], Period(TODAY - datetime.timedelta(days=29), TODAY))
    by_title = {a.title: a for a in report.activities}
    assert set(by_title) == {
        "Magnets without rare earths", "=A joint result",
        "Recycling workshop (Hybrid (in person and online))", f"Newsletter of {TODAY:%-d %B %Y}",
    }  # fmt: skip
    magnets = by_title["Magnets without rare earths"]
    # 7 page reads and 5 API reads; the digest brought it to the reader of everything
    assert (magnets.reads, magnets.mailed, magnets.reached) == (12, 1, 13)
    workshop = by_title["Recycling workshop (Hybrid (in person and online))"]
    assert (workshop.reads, workshop.place, workshop.portal_type) == (
        3, "Fraunhofer IWKS, Hanau, Germany and online", "Organisation of an event",
    )  # fmt: skip
    # Every reader got a PERMANET story: the reader of everything all of them,
    # PASSENGER's two readers the joint one.
    newsletter = by_title[f"Newsletter of {TODAY:%-d %B %Y}"]
    assert newsletter.mailed == 3
    assert report.by_channel["page"] == 7 + 6 + 2
    # Feedly's fetch counts too: a listed crawler's fetch counts when it reports subscribers
    assert report.by_channel["feed"] == 6 + 1
    assert report.by_channel["api"] == 5 and report.by_channel["calendar"] == 1
    assert report.audience.feed_subscribers == 42
    # PERMANET's topic or everything: the reader of everything (PASSENGER's are not)
    assert (report.audience.newsletter_subscribers, report.audience.newsletter_everything) == (1, 1)
    network_report = build(None, Period(TODAY - datetime.timedelta(days=29), TODAY))
    assert dict(network_report.by_project) == {"PERMANET": 7 + 6 + 2 + 5 + 7 + 1,
                                               "PASSENGER": 6 + 9}  # fmt: skip
    assert network_report.total_reads == 7 + 6 + 9 + 2 + 5 + 7 + 1 + 5
    assert [(page.title, page.reads) for page in report.top_pages] == [
        ("Magnets without rare earths", 12), ("=A joint result", 6), ("Recycling workshop", 3),
    ]  # fmt: skip
    assert network_report.audience.newsletter_subscribers == 3
    assert network_report.by_origin == [(PARTNER, "widget", 5)]
    # Figures from 1 to 4 are shown as "< 5": 3 reads (page 2, calendar 1), never mailed
    assert activity_rows(report)[report.activities.index(workshop)][5:8] == ["< 5", "< 5", 0]


def test_the_workbook_reads_back_with_the_databases_totals(network, editor_client):
    query = {**PERIOD, "project": "permanet"}
    response = editor_client.get("/admin/reach/report.xlsx", query)
    assert response.status_code == 200
    assert "dissemination-permanet-" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Activities", "Totals by month", "Audience", "About"]
    activities = list(book["Activities"].values)
    assert activities[0] == (
        "Type of activity", "Date", "Title", "Place", "Type of audience", "Number reached",
        "Of which reads", "Of which newsletter recipients", "Link",
    )  # fmt: skip
    rows = {row[2]: row for row in activities[1:]}
    magnets = rows["Magnets without rare earths"]
    assert (magnets[0], magnets[5], magnets[6], magnets[7]) == ("Website", 13, 12, "< 5")
    assert magnets[1].date() == network["magnets"].date
    assert magnets[8] == "http://localhost" + network["magnets"].url
    assert rows["=A joint result"][2] == "=A joint result"  # text, never a formula
    totals = list(book["Totals by month"].values)
    header, total = totals[0], next(row for row in totals if row[0] == "Total")
    about_permanet = [network[name].pk for name in ("magnets", "joint", "workshop")]
    permanet_reads = DailyReads.objects.filter(page_id__in=about_permanet) | (
        DailyReads.objects.filter(project=network["permanet"])
    )
    assert total[header.index("All reads")] == sum(r.reads for r in permanet_reads)
    assert total[header.index("Newsletter mails")] == "< 5"  # three mails: under the threshold
    assert book["Totals by month"]._charts  # the chart of reads by channel and month
    audience = dict(list(book["Audience"].values)[1:])
    assert audience["Feed subscribers (as feed readers report them)"] == 42


def test_csv_and_the_printable_report_show_the_same_figures(network, editor_client):
    query = {**PERIOD, "project": "permanet"}
    rows = list(csv.reader(io.StringIO(
        editor_client.get("/admin/reach/report.csv", query).content.decode()
    )))  # fmt: skip
    by_title = {row[2]: row for row in rows[1:]}
    assert by_title["Magnets without rare earths"][5:8] == ["13", "12", "< 5"]
    assert by_title["'=A joint result"]  # a spreadsheet would run it as a formula
    page = editor_client.get("/admin/reach/report.html", query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dissemination report: PERMANET" in html and "<svg" in html
    assert "<title>Magnets without rare earths: 12</title>" in html  # the chart's bar
    assert "Reach and the dissemination report" in editor_client.get("/admin/").content.decode()
    reach_page = editor_client.get("/admin/reach/", query).content.decode()
    assert "Download XLSX" in reach_page and "Magnets without rare earths" in reach_page


def test_the_command_writes_the_workbook(network, tmp_path):
    out = tmp_path / "report.xlsx"
    call_command(
        "dissemination_report", "--project", "permanet", "--from", PERIOD["start"],
        "--to", PERIOD["end"], "--format", "xlsx", "--output", str(out), stderr=io.StringIO(),
    )  # fmt: skip
    titles = [row[2] for row in list(load_workbook(out)["Activities"].values)[1:]]
    assert "Magnets without rare earths" in titles and "Only PASSENGER" not in titles


def test_typed_periods_and_formats_get_a_clear_400(editor_client, db):
    for query in ({"start": "2026-13-01", "end": "2026-12-31"},
                  {"start": "2026-12-31", "end": "2026-01-01"},
                  {"start": "2020-01-01", "end": "2026-01-01"},
                  {"start": "9999-12-01", "end": "9999-12-31"},
                  {"start": "0001-01-01", "end": "0001-01-31"},
                  {**PERIOD, "project": "no-such-project"}):  # fmt: skip
        assert editor_client.get("/admin/reach/report.xlsx", query).status_code == 400
        assert editor_client.get("/admin/reach/", query).status_code == 400
    assert editor_client.get("/admin/reach/report.pdf", PERIOD).status_code == 400
    assert editor_client.post("/admin/reach/report.csv", PERIOD).status_code == 405


def test_editors_see_reach_and_others_do_not(db, django_user_model, editor):
    # Wagtail's groups, as its migrations make them (a transactional test elsewhere may
    # have emptied the table), given reach by reach's own migration
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    import_module("reach.migrations.0003_editors_see_reach").grant(django_apps, None)
    officer = django_user_model.objects.create_user("officer", password="pw")
    officer.groups.add(editors)
    browser = Client()
    browser.force_login(officer)
    assert browser.get("/admin/reach/", PERIOD).status_code == 200
    assert PANEL in browser.get("/admin/").content.decode()  # the dashboard panel
    editors.permissions.remove(Permission.objects.get(codename="view_dailyreads"))
    officer = django_user_model.objects.get(pk=officer.pk)  # permissions read anew
    browser.force_login(officer)
    assert browser.get("/admin/reach/", PERIOD).status_code in (302, 403)
    assert browser.get("/admin/reach/report.xlsx", PERIOD).status_code in (302, 403)
    assert PANEL not in browser.get("/admin/").content.decode()


def test_a_digest_sent_just_after_midnight_counts_on_its_local_day(network):
    """(Stored in UTC: 00:30 in Brussels on the 1st is the 31st in UTC.)"""
    first = TODAY.replace(day=1)
    sent_at = timezone.make_aware(datetime.datetime.combine(first, datetime.time(0, 30)))
    Digest.objects.update(created_at=sent_at)
    report = build(network["permanet"], Period(first, first + datetime.timedelta(days=27)))
    newsletter = next(a for a in report.activities if a.kind == "newsletter")
    assert (newsletter.day, newsletter.title) == (first, f"Newsletter of {first:%-d %B %Y}")
    assert report.by_month[first]["newsletter"] == 3


def test_fediverse_followers_count_for_their_account(network):
    actor = Actor.objects.create(username="permanet", project=network["permanet"])
    for n in range(6):
        Follower.objects.create(
            actor=actor, actor_url=f"https://social.example/users/{n}",
            inbox_url="https://social.example/inbox",
        )  # fmt: skip
    report = build(network["permanet"], Period(TODAY - datetime.timedelta(days=29), TODAY))
    assert report.audience.fediverse_followers == 6
    assert build(network["passenger"], report.period).audience.fediverse_followers == 0


def test_counts_written_before_attribution_are_attributed_by_the_command(network):
    DailyReads.objects.update(page_id=None, project=None)
    FeedSubscribers.objects.update(project=None)
    out = io.StringIO()
    call_command("attribute_reads", stdout=out)
    call_command("attribute_reads", stdout=io.StringIO())  # again: nothing changes
    rows = {row.path: row for row in DailyReads.objects.all()}
    assert rows[network["magnets"].url].page_id == network["magnets"].pk
    assert rows["/feeds/projects/permanet.rss"].project == network["permanet"]
    assert FeedSubscribers.objects.get().project == network["permanet"]
    # the rows of pages and events, the project feed's reads, its subscriber report
    attributed = DailyReads.objects.exclude(page_id=None).count() + 1 + 1
    assert out.getvalue() == f"{attributed} count(s) attributed.\n"


def test_a_workbook_never_holds_a_live_formula_from_typed_text(db):
    """An acronym typed as a formula stays text on every sheet (the About sheet too)."""
    project = make_project("=HYPERLINK(1)", slug="formula")
    book = load_workbook(io.BytesIO(as_xlsx(build(project, Period(TODAY, TODAY)))))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert "=HYPERLINK(1)" in [cell.value for cell in cells]
    assert not [cell for cell in cells if cell.data_type == "f"]
