"""A news page's API detail gives a frontend everything it renders, ready to use."""

import re

from tests.api.conftest import api_get
from tests.factories import make_document, make_image


def test_news_detail_carries_every_field_ready_to_render(client, rich_page):
    response, data = api_get(client, f"/api/v2/pages/{rich_page.pk}/")
    assert response.status_code == 200
    assert data["title"] == "Every block story"
    assert data["date"] == rich_page.date.isoformat()
    assert data["summary"] == rich_page.summary
    assert data["meta"]["html_url"] == rich_page.get_full_url()
    assert data["meta"]["first_published_at"] and data["last_published_at"]

    hero = data["hero_image"]
    assert hero["alt"] == "Hero alt" and hero["caption"] == "Hero caption"
    assert set(hero["renditions"]) == {"card", "hero", "og"}
    for rendition in hero["renditions"].values():
        assert rendition["url"].startswith("http://localhost/media/images/")
        assert rendition["width"] > 0 and rendition["height"] > 0
    assert (hero["renditions"]["og"]["width"], hero["renditions"]["og"]["height"]) == (1200, 630)

    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert set(blocks) == {
        "heading", "paragraph", "image", "quote", "embed", "call_to_action", "document",
    }  # fmt: skip
    assert blocks["heading"] == {"text": "A section", "level": "h2"}
    paragraph = blocks["paragraph"]
    assert "linktype" not in paragraph and "<embed" not in paragraph
    assert re.search(
        r'<a href="http://localhost/updates/news-\d+/">an internal link</a>', paragraph
    )
    assert "<ul><li>first</li><li>second</li></ul>" in paragraph
    image = blocks["image"]
    assert image["alt_text"] == "A blue square" and image["credit"] == "Me"
    assert image["image"]["renditions"]["body"]["url"].startswith("http://localhost/media/")
    assert blocks["quote"] == {"text": "Quoted words", "attribution": "Someone"}
    assert blocks["embed"]["url"] == "https://www.youtube.com/watch?v=abc"
    assert blocks["call_to_action"]["url"].startswith("http://localhost/updates/news-")
    document = blocks["document"]
    assert document["title"] == "Annual report"
    assert document["document"]["url"].startswith("http://localhost/documents/")

    assert data["categories"] == [
        {"id": data["categories"][0]["id"], "name": "Recycling", "slug": "recycling"}
    ]
    assert [t["slug"] for t in data["tags"]] == ["magnets", "rare-earths"]
    assert [(p["acronym"], p["website"]) for p in data["projects"]] == [
        ("PASSENGER", "https://passenger.example.org/"),
        ("PERMANET", "https://permanet.example.org/"),
    ]
    scopes = {(feed["scope"], feed["slug"]): feed["urls"] for feed in data["feeds"]}
    assert scopes[("site", None)]["atom"] == "http://localhost/feeds/news.atom"
    assert (
        scopes[("category", "recycling")]["rss"]
        == "http://localhost/feeds/categories/recycling.rss"
    )
    assert (
        scopes[("project", "passenger")]["json"] == "http://localhost/feeds/projects/passenger.json"
    )


def test_listing_with_all_fields_matches_the_detail(client, rich_page):
    _, listing = api_get(client, "/api/v2/pages/", type="news.NewsPage", fields="*")
    _, detail = api_get(client, f"/api/v2/pages/{rich_page.pk}/")
    item = next(i for i in listing["items"] if i["id"] == rich_page.pk)
    for field in (
        "title",
        "date",
        "summary",
        "hero_image",
        "body",
        "categories",
        "tags",
        "projects",
    ):
        assert item[field] == detail[field]


def test_stored_unsafe_markup_is_served_clean(client, news_index):
    from tests.factories import make_news

    body = [
        {
            "type": "paragraph",
            "value": '<p onclick="steal()">Hi <a href="javascript:alert(1)">x</a>'
            "<script>alert(2)</script><style>p{}</style><iframe src='//evil'></iframe>"
            '<img src="x" onerror="alert(3)"><a href="/relative/">rel</a></p>',
        }
    ]
    page = make_news(news_index, body=body)
    _, data = api_get(client, f"/api/v2/pages/{page.pk}/")
    html = data["body"][0]["value"]
    for unsafe in ("onclick", "javascript:", "<script", "alert(2)", "<style", "<iframe", "onerror"):
        assert unsafe not in html
    assert '<a href="http://localhost/relative/">rel</a>' in html


def test_links_to_unpublished_pages_are_not_revealed(client, news_index):
    from tests.factories import make_news

    draft = make_news(news_index, title="Secret draft", slug="secret-draft", publish=False)
    body = [{"type": "paragraph", "value": f'<p><a linktype="page" id="{draft.pk}">see</a></p>'}]
    page = make_news(news_index, body=body)
    _, data = api_get(client, f"/api/v2/pages/{page.pk}/")
    assert "secret-draft" not in data["body"][0]["value"]
    assert "see" in data["body"][0]["value"]


def test_categories_and_projects_endpoints_count_publishable_news(client, rich_page, news_index):
    from tests.factories import make_news

    make_news(news_index, publish=False, categories=list(rich_page.categories.all()))
    _, categories = api_get(client, "/api/v2/categories/")
    recycling = next(c for c in categories["items"] if c["slug"] == "recycling")
    assert recycling["news_count"] == 1
    _, detail = api_get(client, f"/api/v2/categories/{recycling['id']}/")
    assert detail["news"]["api"].endswith("/api/v2/pages/?type=news.NewsPage&category=recycling")
    assert detail["news"]["feeds"][0]["url"] == "http://localhost/feeds/categories/recycling.rss"
    _, projects = api_get(client, "/api/v2/projects/", fields="*")
    passenger = next(p for p in projects["items"] if p["slug"] == "passenger")
    assert passenger["acronym"] == "PASSENGER" and passenger["news_count"] == 1
    assert client.get("/api/v2/projects/abc/").status_code == 404


def test_images_and_documents_download_from_absolute_urls_on_the_site_root(client, news_index):
    image, document = make_image("Public picture"), make_document("Public report")
    for endpoint, item in (("images", image), ("documents", document)):
        listed = client.get(f"/api/v2/{endpoint}/?fields=download_url",
                            HTTP_HOST="proxy.internal").json()  # fmt: skip
        url = next(i for i in listed["items"] if i["id"] == item.pk)["meta"]["download_url"]
        assert url.startswith("http://localhost/"), url
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url


def test_a_document_block_says_the_files_size_and_type(client, rich_page):
    _, data = api_get(client, f"/api/v2/pages/{rich_page.pk}/")
    block = next(b for b in data["body"] if b["type"] == "document")
    document = block["value"]["document"]
    assert document["file_size"] == len(b"report")  # measured when the story was published
    assert document["mime_type"] == "text/plain"
    page = client.get(rich_page.url).content.decode()
    assert re.search(r'<a href="[^"]+" type="text/plain">Annual report</a> '
                     r'<span class="file-type">\(TXT, 6\xa0bytes\)</span>', page)  # fmt: skip
