"""The building blocks of a news page body, each small enough to render anywhere."""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Subsection (level 3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "news/blocks/heading.html"
        description = "A section heading; level 2 for sections, level 3 inside them."
        preview_value = {"text": "Barriers to scaling up", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "news/blocks/paragraph.html"
        description = "Text with bold, italic, links and lists."
        preview_value = (
            "<p>Recycling alone will not meet Europe's demand for <b>rare-earth magnets</b>.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="Describe the image for people who cannot see it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120, help_text="Photographer or owner.")

    class Meta:
        icon = "image"
        template = "news/blocks/image.html"
        description = "An image with required alt text, an optional caption and credit."


class QuoteBlock(blocks.StructBlock):
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


class EmbedBlock(blocks.StructBlock):
    """An external media URL. Rendered as a player only if the provider answers, else a link."""

    url = blocks.URLBlock(help_text="A video or slide deck address, e.g. on YouTube or Vimeo.")
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Link text shown when the player is not shown."
    )

    class Meta:
        icon = "media"
        template = "news/blocks/embed.html"
        description = "A video or other media from a provider, shown as a link if unavailable."
        preview_value = {"url": "https://www.youtube.com/watch?v=example", "title": "Recording"}


class CallToActionValue(blocks.StructValue):
    @property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.get_full_url()
        return self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80, help_text="What the reader does: 'Register now'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site, or…")
    url = blocks.URLBlock(required=False, help_text="…an address elsewhere.")

    class Meta:
        icon = "link-external"
        template = "news/blocks/call_to_action.html"
        value_class = CallToActionValue
        description = "A prominent link to a page on this site or elsewhere."
        preview_value = {"label": "Read the policy brief", "url": "https://example.org/brief"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose either a page or an external URL (exactly one)."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Defaults to the document's own title."
    )

    class Meta:
        icon = "doc-full"
        template = "news/blocks/document.html"
        description = "A downloadable document, such as a report or a brochure."


class NewsBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
