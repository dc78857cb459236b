"""The blocks of a news (or event) body. Each block type says, in its own class:

- `collect_references(value, wanted)`: the pages, images and documents its stored value
  points at, so a whole batch of bodies loads them in a fixed number of queries;
- `represent(value, refs)`: its representation, built from the stored value and the
  loaded references: what the API serves (through Wagtail's `get_api_representation`
  on the stream), what its template renders for HTML pages, and what `feed_html` writes;
  None when nothing publishable is left to show (a link to a draft, a private image);
- `feed_html(representation)`: the HTML of the block in feeds and mails;
- its `Meta.template`, which renders the representation on reference pages.

Every output therefore shows the same sanitised text, the same absolute URLs and the
same dead links. Adding a block type means one class here, one template and one line in
docs/api.md.
"""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from .html_blocks import (
    HEADING_MAX_LENGTH,
    HEADING_TAGS,
    PARAGRAPH_EDITOR_FEATURES,
    split_paragraph,
)
from .image_credits import CREDIT_MAX_LENGTH
from .references import References, Wanted, site_root_url
from .renditions import BODY_RENDITIONS
from .sanitize import validate_link_url, validate_web_url


def represent_alone(block, stored, context: dict | None = None):
    """A value shown on its own (a block preview, a stock API call): load its targets now."""
    wanted = Wanted()
    block.collect_references(stored, wanted)
    request = (context or {}).get("request")
    return block.represent(stored, References(wanted, base_url=site_root_url(request=request)))


def newest_image_preview() -> dict:
    """The image block's chooser preview: the newest image in the library."""
    image = get_image_model().objects.order_by("-created_at").first()
    return {
        "image": image,
        "alt_text": "An example image from the library",
        "caption": "A caption says what the picture shows.",
        "credit": "Photographer",
    }


def newest_document_preview() -> dict:
    """The document block's chooser preview: the newest document in the library."""
    return {"document": get_document_model().objects.order_by("-created_at").first(), "title": ""}


class RepresentedBlock:
    """What every body block does; the subclasses fill in `represent`, `feed_html` and
    `api_schema` (the JSON Schema of what `represent` returns)."""

    api_schema: dict = {}

    def collect_references(self, value, wanted: Wanted) -> None:
        """Nothing to load by default."""

    def represent(self, value, refs: References):
        raise NotImplementedError

    def feed_html(self, representation) -> str:
        raise NotImplementedError

    def render_representation(self, representation, context: dict | None = None) -> SafeString:
        new_context = {**(context or {}), "value": representation, "self": representation}
        return mark_safe(render_to_string(self.meta.template, new_context))  # noqa: S308

    def render(self, value, context=None):
        """Wagtail's entry point (block previews, include_block): through the representation."""
        representation = represent_alone(self, self.get_prep_value(value), context)
        if representation is None:
            return ""
        return self.render_representation(representation, context)


class HeadingBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["text", "level"],
        "properties": {"text": {"type": "string"}, "level": {"enum": ["h2", "h3"]}},
    }

    text = blocks.CharBlock(max_length=HEADING_MAX_LENGTH)
    # The level's label is no word of the story: not searched, not quoted in snippets.
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Subsection (level 3)")],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        template = "news/blocks/heading.html"
        description = "A section heading; level 2 for sections, level 3 inside them."
        preview_value = {"text": "Barriers to scaling up", "level": "h2"}

    def represent(self, value, refs):
        level = value.get("level") if value.get("level") in {"h2", "h3"} else "h2"
        return {"text": value.get("text", ""), "level": level}

    def feed_html(self, representation):
        return format_html("<{0}>{1}</{0}>", representation["level"], representation["text"])


class ParagraphBlock(RepresentedBlock, blocks.RichTextBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {"type": "string", "description": "Sanitised display HTML."}

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_EDITOR_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "news/blocks/paragraph.html"
        description = (
            "Text with bold, italic, links, lists, sub- and superscript. Headings typed or "
            "pasted here become heading blocks when the page is saved."
        )
        preview_value = (
            "<p>Recycling alone will not meet Europe's demand for <b>rare-earth magnets</b> "
            "such as Nd<sub>2</sub>Fe<sub>14</sub>B.</p>"
        )

    def collect_references(self, value, wanted):
        if isinstance(value, str):
            wanted.rich_text(value)

    def represent(self, value, refs):
        if not isinstance(value, str):
            return None
        return mark_safe(refs.rich_text(value))  # noqa: S308 - sanitised by refs.rich_text

    def feed_html(self, representation):
        return representation


class ImageBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["image", "alt_text", "caption", "credit"],
        "properties": {
            "image": {"$ref": "#/components/schemas/Image"},
            "alt_text": {"type": "string"},
            "caption": {"type": "string"},
            "credit": {"type": "string"},
        },
    }

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Empty: the image's own "
        "description from the image library.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(
        required=False,
        max_length=CREDIT_MAX_LENGTH,
        help_text="Photographer or owner. Empty: the image's own credit from the image library.",
    )

    class Meta:
        icon = "image"
        template = "news/blocks/image.html"
        description = "An image with alt text and credit (the image library's unless given "
        "here) and an optional caption."
        preview_value = staticmethod(newest_image_preview)

    def clean(self, value):
        """Alt text, given here or as the image's description, before readers see it."""
        value = super().clean(value)
        image = value.get("image")
        if self.is_deferred_validation or value.get("alt_text") or not image:
            return value
        if not image.description.strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "This field is required: describe the image for people who cannot "
                        "see it, or give the image a description in the image library."
                    )
                }
            )
        return value

    def collect_references(self, value, wanted):
        wanted.image(value.get("image"))

    def represent(self, value, refs):
        image = refs.image(value.get("image"), BODY_RENDITIONS)
        if image is None:
            return None
        return {
            "image": image,
            "alt_text": refs.alt_text(value.get("image"), value.get("alt_text", "")),
            "caption": value.get("caption", ""),
            "credit": refs.credit(value.get("image"), value.get("credit", "")),
        }

    def feed_html(self, representation):
        rendition = representation["image"]["renditions"]["body"]
        credit = representation["credit"]
        caption = " ".join(filter(None, [representation["caption"], credit and f"© {credit}"]))
        return format_html(
            '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            rendition["url"],
            representation["alt_text"],
            rendition["width"],
            rendition["height"],
            format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        )


class QuoteBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["text", "attribution"],
        "properties": {"text": {"type": "string"}, "attribution": {"type": "string"}},
    }

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote.html"
        description = "A quotation and who said it."
        preview_value = {
            "text": "No single project can close the gap on its own.",
            "attribution": "Project coordinator",
        }

    def represent(self, value, refs):
        return {"text": value.get("text", ""), "attribution": value.get("attribution", "")}

    def feed_html(self, representation):
        attribution = representation["attribution"]
        return format_html(
            "<blockquote><p>{}</p>{}</blockquote>",
            representation["text"],
            format_html("<p>— {}</p>", attribution) if attribution else "",
        )


class EmbedBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["url", "title", "provider", "thumbnail_url"],
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "provider": {
                "type": "string",
                "description": 'The provider\'s name ("YouTube"), once the worker has '
                "asked it; empty until then or if it could not be reached.",
            },
            "thumbnail_url": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The provider's still image for the media, when it gives one.",
            },
        },
    }

    """An external media URL: the provider's player on pages where it can be shown, else a link."""

    url = blocks.URLBlock(
        label="Address of the video or media",
        help_text="For example a YouTube or Vimeo address.",
        validators=[validate_web_url],
    )
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Link text shown when the player is not shown."
    )

    class Meta:
        icon = "media"
        template = "news/blocks/embed.html"
        description = "A video or other media from a provider, shown as a link if unavailable."
        preview_value = {"url": "https://www.youtube.com/watch?v=example", "title": "Recording"}

    def collect_references(self, value, wanted):
        wanted.embed(value.get("url", ""))

    def represent(self, value, refs):
        url = refs.url(value.get("url", ""))
        if not url:
            return None
        return {"url": url, "title": value.get("title", ""), **refs.embed(value.get("url", ""))}

    def feed_html(self, representation):
        """A link (feeds carry no players), naming the provider once the worker knows it."""
        provider = representation.get("provider")
        return format_html(
            '<p><a href="{}">{}</a>{}</p>',
            representation["url"],
            representation["title"] or representation["url"],
            format_html(" on {}", provider) if provider else "",
        )


class CallToActionBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["label", "url", "page_id"],
        "properties": {
            "label": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "page_id": {"type": ["integer", "null"]},
        },
    }

    label = blocks.CharBlock(max_length=80, help_text="What the reader does: 'Register now'.")
    page = blocks.PageChooserBlock(required=False, label="Link to a page on this site")
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        label="…or an address elsewhere",
        help_text="https://…, mailto:… or tel:…",
        validators=[validate_link_url],
    )

    class Meta:
        icon = "link-external"
        template = "news/blocks/call_to_action.html"
        description = "A prominent link to a page on this site or elsewhere."
        preview_value = {"label": "Read the policy brief", "url": "https://example.org/brief"}

    def clean(self, value):
        """Exactly one target before readers see it; a draft may have none yet."""
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose either a page or an external URL (exactly one)."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def collect_references(self, value, wanted):
        wanted.page(value.get("page"))

    def represent(self, value, refs):
        page_id = value.get("page")
        url = refs.page_url(page_id) if page_id else refs.url(value.get("url", ""))
        if not url:
            return None
        return {"label": value.get("label", ""), "url": url, "page_id": page_id or None}

    def feed_html(self, representation):
        return format_html(
            '<p><a href="{}">{}</a></p>', representation["url"], representation["label"]
        )


class DocumentBlock(RepresentedBlock, blocks.StructBlock):
    # The `value` this block has in the API (JSON Schema, for the OpenAPI description).
    api_schema = {
        "type": "object",
        "required": ["document", "title"],
        "properties": {
            "document": {"$ref": "#/components/schemas/Document"},
            "title": {"type": "string"},
        },
    }

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Defaults to the document's own title."
    )

    class Meta:
        icon = "doc-full"
        template = "news/blocks/document.html"
        description = "A downloadable document, such as a report or a brochure."
        preview_value = staticmethod(newest_document_preview)

    def collect_references(self, value, wanted):
        wanted.document(value.get("document"))

    def represent(self, value, refs):
        document = refs.document(value.get("document"))
        if document is None:
            return None
        return {"document": document, "title": value.get("title") or document["title"]}

    def feed_html(self, representation):
        document = representation["document"]
        return format_html(
            '<p><a href="{}">{}</a> ({})</p>',
            document["url"],
            representation["title"],
            escape(document["file_extension"].upper()),
        )


def _holds_heading(stored_html: str) -> bool:
    return any(f"<{tag}" in stored_html for tag in HEADING_TAGS)


class NewsBodyBlock(blocks.StreamBlock):
    """A body: the stream of the blocks above, represented as a list of typed values."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()

    def clean(self, value):
        """Headings typed or pasted into a paragraph become heading blocks of their own
        (news.html_blocks), so a pasted article keeps its shape in every output."""
        cleaned = super().clean(value)
        items = []
        for child in cleaned:
            if child.block_type != "paragraph" or not _holds_heading(child.value.source):
                items.append((child.block_type, child.value, child.id))
                continue
            for number, piece in enumerate(split_paragraph(child.value.source)):
                block = self.child_blocks[piece.type]
                items.append((piece.type, block.to_python(piece.value), number or child.id))
        return blocks.StreamValue(self, [(t, v, i or None) for t, v, i in items])

    def collect_references(self, raw_data, wanted: Wanted) -> None:
        for item in raw_data:
            child = self.child_blocks.get(item.get("type"))
            if child is not None and item.get("value") is not None:
                child.collect_references(item["value"], wanted)

    def represent(self, raw_data, refs: References) -> list[dict]:
        """Each block as {type, id, value}; blocks with nothing publishable are left out."""
        represented = []
        for item in raw_data:
            child = self.child_blocks.get(item.get("type"))
            if child is None or item.get("value") is None:
                continue
            if isinstance(child, blocks.StructBlock) and not isinstance(item["value"], dict):
                continue
            value = child.represent(item["value"], refs)
            if value is not None:
                represented.append({"type": item["type"], "id": item.get("id"), "value": value})
        return represented

    def get_api_representation(self, value, context=None):
        """Wagtail's API hook, fed from the references the view loaded for the whole batch."""
        raw_data = list(value.raw_data)
        refs = (context or {}).get("references")
        if refs is None:
            return represent_alone(self, raw_data, context)
        return self.represent(raw_data, refs)

    def render(self, value, context=None):
        """`{{ page.body }}` anywhere: the whole stream's references loaded at once."""
        representation = represent_alone(self, list(value.raw_data), context)
        return self.render_representation(representation, context)

    def feed_html(self, representation: list[dict]) -> str:
        return "".join(
            self.child_blocks[item["type"]].feed_html(item["value"]) for item in representation
        )

    def render_representation(self, representation: list[dict], context=None) -> SafeString:
        return mark_safe(  # noqa: S308 - every part is a rendered block template
            "".join(
                self.child_blocks[item["type"]].render_representation(item["value"], context)
                for item in representation
            )
        )
