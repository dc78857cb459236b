"""The legal notice, the privacy notice and the accessibility statement: editable pages,
linked from every page's footer (and the privacy notice from the newsletter sign-up),
shipped by the demo as sensible drafts; an unpublished one is never linked."""

import io

from django.core.management import call_command

from home.models import InformationPage, SiteSettings
from news.models import NewsPage

TITLES = ("Legal notice", "Privacy notice", "Accessibility statement")


def footer_links(html: str) -> list[str]:
    footer = html.split('<nav aria-label="About this site">', 1)[-1].split("</nav>", 1)[0]
    return [title for title in TITLES if f">{title}</a>" in footer]


def test_the_demo_ships_the_three_pages_and_every_footer_links_them(client, db):
    call_command("load_demo_content", stdout=io.StringIO())
    story = NewsPage.objects.live().first()
    for path in ("/", "/updates/", story.url, "/feeds/", "/network/", "/newsletter/"):
        html = client.get(path).content.decode()
        assert footer_links(html) == list(TITLES), path
    for page in InformationPage.objects.all():
        html = client.get(page.url).content.decode()
        assert f"<h1>{page.title}</h1>" in html and "<h2>" in html, page.title
    privacy = InformationPage.objects.get(slug="privacy-notice")
    signup = client.get("/").content.decode().split('class="newsletter-signup"', 1)[1]
    assert f'<a href="{privacy.url}">privacy notice</a>' in signup.split("</form>")[0]


def test_an_unpublished_page_is_not_linked(client, home):
    page = home.add_child(instance=InformationPage(title="Legal notice", slug="legal",
                                                   body="<p>Draft</p>", live=False))  # fmt: skip
    settings = SiteSettings.for_site(home.get_site())
    settings.legal_notice_page = page
    settings.save()
    assert footer_links(client.get("/").content.decode()) == []
    page.save_revision().publish()
    assert footer_links(client.get("/").content.decode()) == ["Legal notice"]
