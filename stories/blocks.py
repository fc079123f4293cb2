"""The small set of blocks a story's body is written in: headings, paragraphs and quotes."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

#: Rich text in a story: no headings inside paragraphs (the heading block gives them), and
#: no embeds or images, so a story reads the same in every browser and screen reader.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        help_text=_("Optional. Leave empty unless the person agreed to be named."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "stories/blocks/quote.html"


class StoryBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="components/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=PARAGRAPH_FEATURES,
        template="components/blocks/paragraph.html",
    )
    quote = QuoteBlock()

    class Meta:
        template = "components/blocks/stream.html"
