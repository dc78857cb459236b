"""A news body, as resolved by `news.references`, written out as feed-ready HTML."""

from django.utils.html import escape, format_html

from news.sanitize import clean_html


def body_html(blocks: list[dict], *, base_url: str) -> str:
    """Every URL absolute, embeds as links, and the result sanitised once more."""
    parts = [_block_html(block["type"], block["value"]) for block in blocks]
    return clean_html("".join(part for part in parts if part), base_url=base_url)


def _block_html(block_type: str, value) -> str:
    if block_type == "heading":
        return format_html("<{0}>{1}</{0}>", value["level"], value["text"])
    if block_type == "paragraph":
        return value
    if block_type == "image":
        rendition = value["image"]["renditions"]["body"]
        caption = " ".join(
            filter(None, [value["caption"], value["credit"] and f"© {value['credit']}"])
        )
        return format_html(
            '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            rendition["url"],
            value["alt_text"],
            rendition["width"],
            rendition["height"],
            format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        )
    if block_type == "quote":
        attribution = value["attribution"]
        return format_html(
            "<blockquote><p>{}</p>{}</blockquote>",
            value["text"],
            format_html("<p>— {}</p>", attribution) if attribution else "",
        )
    if block_type == "embed":
        return format_html(
            '<p><a href="{}">{}</a></p>', value["url"], value["title"] or value["url"]
        )
    if block_type == "call_to_action":
        return format_html('<p><a href="{}">{}</a></p>', value["url"], value["label"])
    if block_type == "document":
        document = value["document"]
        return format_html(
            '<p><a href="{}">{}</a> ({})</p>',
            document["url"],
            value["title"],
            escape(document["file_extension"].upper()),
        )
    return ""
