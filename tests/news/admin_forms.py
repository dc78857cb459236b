"""Form data for the Wagtail page editor, as the admin's own forms post it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def news_form_data(
    *,
    title: str,
    summary: str = "A short summary.",
    date: str = "2026-03-30",
    body: list[tuple[str, object]] | None = None,
    categories=(),
    projects=(),
    tags: str = "",
    **extra,
) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", title.lower().replace(" ", "-")),
            "date": date,
            "summary": summary,
            "body": streamfield(body or [("paragraph", rich_text("<p>Text.</p>"))]),
            "hero_alt_text": extra.pop("hero_alt_text", ""),
            "hero_caption": "",
            "tags": tags,
            "go_live_at": extra.pop("go_live_at", ""),
            "expire_at": "",
            **extra,
        }
    )
    data["categories"] = [str(c.pk) for c in categories]
    data["projects"] = [str(p.pk) for p in projects]
    return data


def every_block_form_body(*, image, document, link_to) -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "Barriers", "level": "h2"}),
        (
            "paragraph",
            rich_text(
                f'<p>Text with <b>bold</b> and <a linktype="page" id="{link_to.pk}">a link</a>.</p>'
                "<ul><li>one</li><li>two</li></ul>",
                features=["bold", "italic", "link", "document-link", "ol", "ul"],
            ),
        ),
        ("image", {"image": image.pk, "alt_text": "Alt words", "caption": "Cap", "credit": "Cr"}),
        ("quote", {"text": "Quoted", "attribution": "Someone"}),
        ("embed", {"url": "https://www.youtube.com/watch?v=abc", "title": "Video"}),
        ("call_to_action", {"label": "Read", "page": link_to.pk, "url": ""}),
        ("document", {"document": document.pk, "title": "The report"}),
    ]
