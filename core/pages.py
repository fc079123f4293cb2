"""The abstract page every page type extends (mixins any page type may add: core.mixins).

Page types import all three from here: `from core.pages import BasePage, MembersOnlyMixin`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import access
from .mixins import ContentNoteMixin, MembersOnlyMixin

__all__ = ["BasePage", "ContentNoteMixin", "ListingPage", "MembersOnlyMixin"]


class BasePage(Page):
    """Every page type on the site extends this."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two plain sentences shown in listings and search results."),
    )

    # Boosts: title (Page's, 2) above summary above a resource's description and document
    # text (search/ranking.py explains what each database backend does with them).
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=1.5)]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        # Asking the policy marks the request when the page is in a closed area, so what it
        # shows (contents or "sign in to open") is never kept by a shared cache or browser.
        access.page_verdict(request, self)
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Only pages the person asking (a crawler: a visitor) may open are listed."""
        if request is not None and not access.page_verdict(request, self).allowed:
            return []
        return super().get_sitemap_urls(request)


class ListingPage(BasePage):
    """A page listing the pages below it (webinars, stories): an introduction, and the
    listing's own context (`listing_context(request)`, which each listing defines)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        raise NotImplementedError
