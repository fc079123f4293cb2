"""The home page, content pages, the safety settings and the support message they show."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core.pages import BasePage

from .blocks import ContentBlock

# A busy, neutral site that looks ordinary in a browser history or over someone's shoulder.
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"

DEFAULT_SUPPORT_HEADING = "If you need support now"
DEFAULT_SUPPORT_TEXT = (
    "<p>This website cannot respond to emergencies. If you or someone else is in danger, "
    "or you need to talk to someone now:</p>"
    "<ul>"
    "<li>in an emergency, call <b>999</b></li>"
    "<li>for urgent medical help that is not an emergency, call <b>NHS 111</b></li>"
    "<li>to talk to Samaritans, day or night, call <b>116 123</b> (free)</li>"
    "<li>to talk by text with Shout, text <b>SHOUT</b> to <b>85258</b> (free, any time)</li>"
    "</ul>"
)
DEFAULT_SUPPORT_HEADING_CY = "Os oes angen cymorth arnoch chi nawr"
DEFAULT_SUPPORT_TEXT_CY = (
    "<p>Ni all y wefan hon ymateb i argyfyngau. Os ydych chi neu rywun arall mewn perygl, "
    "neu os oes angen i chi siarad â rhywun nawr:</p>"
    "<ul>"
    "<li>mewn argyfwng, ffoniwch <b>999</b></li>"
    "<li>am gymorth meddygol brys nad yw'n argyfwng, ffoniwch <b>GIG 111</b></li>"
    "<li>i siarad â'r Samariaid, ddydd neu nos, ffoniwch <b>116 123</b> (am ddim)</li>"
    "<li>i sgwrsio drwy neges destun â Shout, tecstiwch <b>SHOUT</b> i <b>85258</b> "
    "(am ddim, unrhyw bryd)</li>"
    "</ul>"
)
SIGNPOSTING_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(ContentBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    # Any page type may go below the home page unless it says otherwise: each app's index
    # page names "home.HomePage" among its parent_page_types, so a new app needs no edit here.
    # One per language: translations are made with "Translate", which does not count here.
    max_count_per_parent = 1
    page_description = _("The front page of the site, one per language.")

    class Meta:
        verbose_name = _("home page")


class FooterLink(models.TextChoices):
    """The pages every page's footer links to, found in the tree by this role."""

    ABOUT = "about", _("About")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy notice")


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlock(), blank=True)
    footer_link = models.CharField(
        _("footer link"),
        max_length=20,
        choices=FooterLink.choices,
        blank=True,
        help_text=_(
            "Link to this page from every page's footer as the site's About page, "
            "accessibility statement or privacy notice. One page per role and language."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*BasePage.promote_panels, FieldPanel("footer_link")]
    # A copy is a new page, not a second privacy notice. Translations get the role back from
    # wagtail-localize, which synchronises choice fields.
    exclude_fields_in_copy = ["footer_link"]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    page_description = _("A page of text, such as About, Accessibility or Privacy.")

    class Meta:
        verbose_name = _("content page")

    def clean(self):
        super().clean()
        if not self.footer_link:
            return
        # Translations share the role (wagtail-localize synchronises choice fields), so the
        # check is per locale.
        taken = StandardPage.objects.filter(
            footer_link=self.footer_link, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError(
                {"footer_link": _("Another page in this language already has this footer link.")}
            )


class SupportMessage(TranslatableMixin, models.Model):
    """The support and crisis signposting: a heading and a few plain lines, in one language.

    A snippet, so editors translate it with wagtail-localize's Translate screen, as they
    translate pages; SafetySettings says which message the site shows, and each language
    shows its own translation of it (the site's language where there is none).
    """

    heading = models.CharField(_("heading"), max_length=120)
    text = RichTextField(
        _("text"),
        features=SIGNPOSTING_FEATURES,
        help_text=_("Short, plain words: who to contact in a crisis and how."),
    )

    panels = [FieldPanel("heading"), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("support message")
        verbose_name_plural = _("support messages")

    def __str__(self):
        return self.heading


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """The exit control's destination and the support signposting shown in the footer."""

    exit_url = models.URLField(
        _("exit page address"),
        default=DEFAULT_EXIT_URL,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_(
            "Where 'Exit this page' and pressing Shift three times go. Choose a busy, "
            "ordinary website that loads quickly and gives nothing away."
        ),
    )
    support_message = models.ForeignKey(
        SupportMessage,
        verbose_name=_("support message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Each language shows its translation of this message: translate it under "
            "Settings, Support messages, with 'Translate'. Without one, the built-in "
            "message is shown."
        ),
    )

    # The chosen message comes in the same query as the settings (once per request).
    select_related = ["support_message__locale"]

    panels = [
        MultiFieldPanel([FieldPanel("exit_url")], heading=_("Exit this page")),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Shown in the footer of every page, and on pages that add a "
                        "'Support signposting' block."
                    )
                ),
                FieldPanel("support_message"),
            ],
            heading=_("Support and crisis signposting"),
        ),
    ]

    class Meta:
        verbose_name = _("safety and support")

    def signposting(self, language_code):
        """The (heading, rich text) pair to show to someone reading in this language.

        The chosen message comes with the settings; its translation into another language
        costs one query, once per language for these settings (so once per request).
        """
        message = self.support_message
        if message is None:
            if language_code == "cy":
                return DEFAULT_SUPPORT_HEADING_CY, DEFAULT_SUPPORT_TEXT_CY
            return DEFAULT_SUPPORT_HEADING, DEFAULT_SUPPORT_TEXT
        if message.locale.language_code != language_code:
            translations = self.__dict__.setdefault("_support_translations", {})
            if language_code not in translations:
                translations[language_code] = (
                    SupportMessage.objects.filter(
                        translation_key=message.translation_key,
                        locale__language_code=language_code,
                    ).first()
                    or message
                )
            message = translations[language_code]
        return message.heading, message.text
