"""StreamField blocks for content pages, built on NHS.UK design system components."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtailnhsukfrontend.blocks import (
    ActionLinkBlock,
    DetailsBlock,
    InsetTextBlock,
    WarningCalloutBlock,
)


class SupportSignpostingBlock(blocks.StaticBlock):
    """Shows the site's support and crisis signposting (edited once, in Settings)."""

    class Meta:
        icon = "warning"
        label = _("Support signposting")
        admin_text = _("Shows the support and crisis contacts from Settings › Safety and support.")
        template = "components/blocks/support_signposting.html"


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="components/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="components/blocks/paragraph.html",
    )
    action_link = ActionLinkBlock(label=_("Action link"))
    inset_text = InsetTextBlock(label=_("Inset text"))
    warning_callout = WarningCalloutBlock(label=_("Warning callout"))
    details = DetailsBlock(label=_("Details (expandable)"))
    support_signposting = SupportSignpostingBlock()

    class Meta:
        template = "components/blocks/stream.html"
