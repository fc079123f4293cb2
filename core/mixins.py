"""Mixins any page type may add, before its base page.

`MembersOnlyMixin` gives a page an editor's "members only" switch. A page type joins the
one access policy (core.access) just by inheriting it: the policy finds every concrete
page model with the mixin, so a webinar index or a forum board closes what is below it
without the policy being edited. `ContentNoteMixin` is the optional "what difficult
subjects this covers" field, shown by `templates/components/content_note.html`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class MembersOnlyMixin(models.Model):
    """An editor's switch: only signed-in, approved members may open what is inside.

    The page itself and everything below it in the tree, in every language, closes: its
    translations follow the source language's setting (core.access and the signal handler
    that keeps the field in step).
    """

    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Visitors and people waiting for approval see titles only, and cannot preview "
            "or download anything inside."
        ),
    )

    settings_panels = [*Page.settings_panels, FieldPanel("members_only")]

    class Meta:
        abstract = True


class ContentNoteMixin(models.Model):
    """What difficult subjects a page covers, shown before its content with a choice."""

    content_note = models.TextField(
        _("content note"),
        blank=True,
        help_text=_(
            "Difficult subjects this covers, for example 'childhood abuse, suicide'. "
            "Readers see it first and choose whether to continue."
        ),
    )

    class Meta:
        abstract = True
