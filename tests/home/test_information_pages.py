"""The legal notice, the privacy notice and the accessibility statement: editable pages,
linked from every page's footer (and the privacy notice from the newsletter sign-up);
an unpublished one is never linked. The demo's three: tests/news/test_demo_and_pages.py."""

from home.models import InformationPage, SiteSettings

TITLES = ("Legal notice", "Privacy notice", "Accessibility statement")


def footer_links(html: str) -> list[str]:
    footer = html.split('<nav aria-label="About this site">', 1)[-1].split("</nav>", 1)[0]
    return [title for title in TITLES if f">{title}</a>" in footer]


def test_an_unpublished_page_is_not_linked(client, home):
    page = home.add_child(instance=InformationPage(title="Legal notice", slug="legal",
                                                   body="<p>Draft</p>", live=False))  # fmt: skip
    settings = SiteSettings.for_site(home.get_site())
    settings.legal_notice_page = page
    settings.save()
    assert footer_links(client.get("/").content.decode()) == []
    page.save_revision().publish()
    assert footer_links(client.get("/").content.decode()) == ["Legal notice"]
