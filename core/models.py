"""The permission codenames our roles are made of, and the site's contact details.

Roles are groups (made by members' data migrations) holding these permissions; code asks
`user.has_perm("core.view_reports")`, never which group someone is in. RolePermissions has
no table: it only gives the permissions a content type to belong to.

ContactSettings is where people can ask us something (the decline and suspension emails,
the account page, Reply-To on every email); every app may need it, so it lives here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class RolePermissions(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("role permissions")
        permissions = [
            ("view_reports", _("Can read the community's reports and analytics")),
            ("approve_members", _("Can approve, decline, suspend and reinstate members")),
            ("moderate_forums", _("Can moderate the forums")),
            (
                "coach_organisations",
                _("Can coach organisations: sees the requests matched to them"),
            ),
        ]


class CurrentSiteSetting(BaseSiteSetting):
    """A site setting any code can read without a request, and that never fails: see
    `current`."""

    class Meta:
        abstract = True

    @classmethod
    def current(cls, request=None):
        """The settings for the request's site, else the default site's; unsaved defaults when
        there is no site yet (nothing here may fail an email or a page)."""
        if request is not None:
            try:
                return cls.for_request(request)
            except cls.DoesNotExist:  # no site answers to this host
                pass
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()


@register_setting(icon="mail")
class ContactSettings(CurrentSiteSetting):
    """How people reach a person: shown wherever we tell someone they can ask us again."""

    contact_email = models.EmailField(
        _("contact email address"),
        blank=True,
        default="",
        help_text=_(
            "An address someone reads, for example the core action group's shared inbox. "
            "Replies to the site's emails go here. Leave empty if there is none yet."
        ),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: a public page that explains how to get in touch. Welsh pages link "
            "to its Welsh translation when there is one."
        ),
    )

    panels = [
        HelpPanel(
            content=_(
                "Shown to people whose request to join was declined or whose membership is "
                "paused, so they can ask us to look again."
            )
        ),
        FieldPanel("contact_email"),
        FieldPanel("contact_page"),
    ]

    class Meta:
        verbose_name = _("contact details")

    def page_url(self):
        """The contact page's address in the active language, or "" when it is not live."""
        page = self.contact_page
        if page is None:
            return ""
        page = page.localized
        if not page.live:
            return ""
        return page.get_url(getattr(self, "_request", None)) or ""
