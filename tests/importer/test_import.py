"""`import_stories`: archives from a WordPress export, a full-content feed and article
pages, served by real local HTTP servers, become draft stories with their images in the
library; re-runs update and never duplicate; one bad item never ends a run."""

import io
import ipaddress
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

import pytest

from importer.models import ImportedImage
from news.models import NewsPage
from news.snippets import Category
from tests.factories import build_site, make_project
from tests.feeds.validity import atom_problems, rss_problems
from tests.importer.archives import ARTICLE_PAGE, atom_feed, picture, wxr
from tests.servers import RecordingServer, Reply

pytestmark = pytest.mark.django_db

IMAGES = ("/wp-content/uploads/hero.png", "/wp-content/uploads/sintered.png")


@pytest.fixture
def old_site(settings):
    """The old website on this machine (private addresses allowed for it only)."""
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = (ipaddress.ip_network("127.0.0.1/32"),)
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 3
    routes = {path: Reply(200, picture(), {"Content-Type": "image/png"}) for path in IMAGES}
    routes["/images/madrid.jpg"] = Reply(200, picture(kind="JPEG"), {"Content-Type": "image/jpeg"})
    routes["/images/hall.jpg"] = Reply(
        200, b"<html>not an image</html>", {"Content-Type": "image/jpeg"}
    )
    with RecordingServer([Reply(404)], routes=routes) as server:
        yield server


@pytest.fixture
def site(db):
    home, index = build_site()
    Category.objects.create(name="Events", slug="events")
    make_project("PERMANET")
    return index


def run(*args, wxr_body: bytes | None = None, tmp_path=None) -> list[str]:
    if wxr_body is not None:
        path = tmp_path / "export.xml"
        path.write_bytes(wxr_body)
        args = ("--wxr", str(path), *args)
    out = io.StringIO()
    call_command("import_stories", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().splitlines()


def image_requests(server) -> int:
    return sum(1 for r in server.received if r.path.endswith((".png", ".jpg")))


def stored(page: NewsPage) -> NewsPage:
    return page.get_latest_revision_as_object()


def test_a_wordpress_export_becomes_draft_stories_with_their_shape_and_images(
    site, old_site, tmp_path
):
    report = run("--create-categories", "--match-projects", wxr_body=wxr(old_site.url),
                 tmp_path=tmp_path)  # fmt: skip

    assert report[0] == "2 stories created, 0 updated, 0 unchanged, 1 skipped"
    assert "skipped (no address): the post has no address (link or guid)" in report
    assert any("missing.png: HTTP 404" in line for line in report)  # the hostile <img>
    clustering = NewsPage.objects.get(original_url__endswith="/clustering-session/")
    assert not clustering.live  # drafts unless asked
    story = stored(clustering)
    assert story.title == "Clustering session on magnet recycling"
    assert story.summary == "Four projects agreed on a shared test protocol."
    assert str(story.date) == "2025-03-12"
    assert clustering.slug == "clustering-session"
    body = list(story.body.raw_data)
    assert [b["type"] for b in body] == [
        "heading", "paragraph", "image", "heading", "paragraph", "quote", "embed",
        "paragraph", "paragraph",
    ]  # fmt: skip
    assert body[0]["value"] == {"text": "A clustering session in Brussels", "level": "h2"}
    assert body[3]["value"] == {"text": "What was agreed", "level": "h3"}
    assert '<a href="https://old.permanet.example/partners/">' in body[1]["value"]
    assert "<b>PERMANET</b>" in body[1]["value"] and "<br/>Thirty people came." in body[1]["value"]
    assert "<ul>" in body[4]["value"] and "<i>dissemination</i>" in body[4]["value"]
    assert body[5]["value"] == {
        "text": "No single project can close the gap.", "attribution": "The coordinator"
    }  # fmt: skip
    assert body[6]["value"]["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    image = ImportedImage.objects.get(source_url=old_site.url + IMAGES[1]).image
    assert body[2]["value"]["image"] == image.pk
    assert body[2]["value"]["alt_text"] == "Sintered magnets on a tray"
    assert body[2]["value"]["caption"] == "Magnets after sintering"
    assert image.description == "Sintered magnets on a tray" and image.width == 640
    assert story.hero_image.description == "A furnace glowing orange"
    text = json.dumps(body)
    for hostile in ("javascript:", "<script", "alert(", "onerror", "style=", "Comic Sans"):
        assert hostile not in text, hostile
    assert "Styled words stay words." in text
    assert {c.name for c in story.categories.all()} == {"Events", "Recycling"}
    assert [t.name for t in story.tags.all()] == ["magnets"]
    assert [p.acronym for p in story.projects.all()] == ["PERMANET"]

    report_story = stored(NewsPage.objects.get(original_url__endswith="/joint-report/"))
    assert report_story.title == "Joint report on recycling & reuse"
    assert report_story.summary == (
        "The PERMANET and PASSENGER projects publish a joint report on magnet recycling. "
        "It covers collection, separation and reuse. A second paragraph with a line break."
    )
    [paragraphs] = [b["value"] for b in report_story.body.raw_data]  # two <p>, one block
    assert paragraphs.count("<p ") == 2
    assert paragraphs.endswith(">A second paragraph<br/>with a line break.</p>")
    assert image_requests(old_site) == 3  # hero, figure, and the hostile one (404)


def test_a_rerun_updates_never_duplicates_and_downloads_nothing_twice(site, old_site, tmp_path):
    run("--create-categories", wxr_body=wxr(old_site.url), tmp_path=tmp_path)
    stories, revisions = NewsPage.objects.count(), Revision.objects.count()
    requests = image_requests(old_site)

    report = run("--create-categories", wxr_body=wxr(old_site.url), tmp_path=tmp_path)
    assert report[0] == "0 stories created, 0 updated, 2 unchanged, 1 skipped"
    assert (NewsPage.objects.count(), Revision.objects.count()) == (stories, revisions)
    assert image_requests(old_site) == requests + 1  # only the 404, asked again

    changed = wxr(old_site.url, first_title="Clustering session: the outcome")
    report = run("--create-categories", wxr_body=changed, tmp_path=tmp_path)
    assert report[0] == "0 stories created, 1 updated, 1 unchanged, 1 skipped"
    assert NewsPage.objects.count() == stories
    story = NewsPage.objects.get(original_url__endswith="/clustering-session/")
    assert stored(story).title == "Clustering session: the outcome"
    assert ImportedImage.objects.count() == 2


def test_a_dry_run_reports_and_changes_nothing(site, old_site, tmp_path):
    report = run("--dry-run", wxr_body=wxr(old_site.url), tmp_path=tmp_path)
    assert report[0] == "2 stories would be created, 0 would be updated, 0 unchanged, 1 skipped"
    assert report[1] == "images: 0 downloaded, 0 already in the library, 3 to download"
    assert "warning https://old.permanet.example/2025/03/clustering-session/: category " \
        "'Recycling' is not on this site (--create-categories adds it)" in report  # fmt: skip
    assert not NewsPage.objects.exists() and not Category.objects.filter(name="Recycling")
    assert image_requests(old_site) == 0


def test_a_full_content_feed_imports_published_with_a_redirect_and_feeds_validly(
    site, old_site, tmp_path
):
    atom = {"Content-Type": "application/atom+xml"}
    old_site.routes["/news/feed.atom"] = Reply(200, atom_feed(old_site.url), atom)
    report = run("--feed", old_site.url + "/news/feed.atom", "--publish", "--redirects")
    assert report[0] == "1 stories created, 0 updated, 0 unchanged, 0 skipped"
    assert any("/images/hall.jpg: not an image" in line for line in report)
    assert any("hero image left out" in line and "no description" in line for line in report)
    story = NewsPage.objects.get(title="PASSENGER final conference")
    assert story.live and story.summary == "The project closes with a conference in Madrid."
    assert [b.block_type for b in story.body] == ["heading", "paragraph"]
    assert story.hero_image is None  # the feed gives no alt text: in the library, not shown
    assert ImportedImage.objects.filter(source_url=old_site.url + "/images/madrid.jpg").exists()
    assert [c.name for c in story.categories.all()] == ["Events"]
    assert Redirect.objects.get(old_path="/news/final-conference").redirect_page_id == story.pk

    client = Client()
    assert client.get(story.url).status_code == 200
    assert client.get("/news/final-conference/").status_code == 301
    feed = client.get("/feeds/news.atom")
    assert b"PASSENGER final conference" in feed.content
    assert atom_problems(feed.content) == []
    assert rss_problems(client.get("/feeds/news.rss").content) == []


def test_article_pages_import_their_main_content_and_a_bad_address_is_skipped(
    site, old_site, tmp_path
):
    old_site.routes["/news/testing-hall/"] = Reply(200, ARTICLE_PAGE.encode(),
                                                   {"Content-Type": "text/html"})  # fmt: skip
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"{old_site.url}/news/testing-hall/\n{old_site.url}/gone/\nhttp://10.1.2.3/private/\n"
    )
    report = run("--urls", str(listing))
    assert report[0] == "1 stories created, 0 updated, 0 unchanged, 2 skipped"
    assert any(line.startswith(f"skipped {old_site.url}/gone/: ") and "404" in line
               for line in report)  # fmt: skip
    assert any(line.startswith("skipped http://10.1.2.3/private/: ") for line in report)
    assert not any(r.path == "/private/" for r in old_site.received)

    story = stored(NewsPage.objects.get(original_url=f"{old_site.url}/news/testing-hall/"))
    assert story.title == "REMHub opens its testing hall"
    assert story.summary == "A hall for testing recycled magnets opens in Delft."
    assert str(story.date) == "2025-06-02"
    headings = [b["value"]["text"] for b in story.body.raw_data if b["type"] == "heading"]
    assert headings == ["Equipment", "How to book"]
    text = json.dumps(list(story.body.raw_data))
    assert "hysteresigraph" in text and "<ul>" in text
    for boilerplate in ("cookies", "Footer links", "Contact us today"):
        assert boilerplate not in text, boilerplate


def test_the_admin_page_runs_a_dry_run_then_the_import_and_keeps_no_upload(
    site, old_site, editor_client, settings
):
    def post(action: str):
        export = SimpleUploadedFile("export.xml", wxr(old_site.url), "text/xml")
        return editor_client.post(
            "/admin/import-stories/",
            {"source": "wxr", "wxr_file": export, "create_categories": "on", "action": action},
        )

    dry = post("dry-run")
    assert dry.status_code == 200
    assert b"2 stories would be created" in dry.content and not NewsPage.objects.exists()
    done = post("import")
    assert b"2 stories created, 0 updated, 0 unchanged, 1 skipped" in done.content
    assert NewsPage.objects.filter(live=False).count() == 2
    uploads = settings.MEDIA_ROOT / "imports"
    assert not uploads.exists() or not any(uploads.iterdir())  # read, then removed

    missing = editor_client.post("/admin/import-stories/", {"source": "feed", "action": "import"})
    assert b"Give the feed&#x27;s address." in missing.content


def test_the_admin_page_is_for_people_allowed_to_import(site, client, django_user_model):
    django_user_model.objects.create_user("reader", password="pw")
    client.force_login(django_user_model.objects.get(username="reader"))
    assert client.get("/admin/import-stories/").status_code in {302, 403}
