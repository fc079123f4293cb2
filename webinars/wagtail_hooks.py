"""Admin registration for webinars: the Speakers snippet (with its Consent pages),
involvement records, registrations per webinar and cancelling, publishing checked against
consent (in bulk too), the log actions, and the webinars' Community impact figures."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core import access
from core.reports import IMPACT_FIGURES_HOOK, EditorsMenuItem, Figure, can_read_reports

from .admin_publishing import ConsentCheckedPublishBulkAction
from .admin_speakers import (
    INVOLVEMENT_POLICY,
    SPEAKER_POLICY,
    InvolvementViewSet,
    SpeakerViewSet,
)
from .admin_views import (
    CancelWebinarView,
    RegistrationsExportView,
    RegistrationsView,
    WebinarListView,
    impact_figures,
    may_change_live_webinar,
)
from .models import Involvement, Speaker, WebinarPage

register_permission_policy(Speaker, SPEAKER_POLICY)
register_permission_policy(Involvement, INVOLVEMENT_POLICY)
register_snippet(SpeakerViewSet)
involvement_viewset = InvolvementViewSet()
# After Wagtail's own Publish action for pages, so this one replaces it.
hooks.register("register_bulk_action", ConsentCheckedPublishBulkAction, order=100)


@hooks.register("register_admin_viewset")
def register_involvement_viewset():
    return involvement_viewset


# Registrations, attendance, audience, cancelling ------------------------------------------


@hooks.register("register_admin_urls")
def register_webinar_admin_urls():
    urls = [
        path("", WebinarListView.as_view(), name="list"),
        path("<int:page_id>/", RegistrationsView.as_view(), name="registrations"),
        path(
            "<int:page_id>/export/<str:file_format>/",
            RegistrationsExportView.as_view(),
            name="export",
        ),
        path("<int:page_id>/cancel/", CancelWebinarView.as_view(), name="cancel"),
    ]
    return [path("webinar-registrations/", include((urls, "webinars_admin")))]


@hooks.register("register_reports_menu_item")
def register_webinars_menu_item():
    """In the Reports menu, after the resource reports (orders 60 and 70)."""
    return EditorsMenuItem(
        _("Webinar registrations"),
        reverse("webinars_admin:list"),
        name="webinar-registrations",
        icon_name="calendar-alt",
        order=80,
    )


@hooks.register("register_reports_menu_item")
def register_involvement_menu_item():
    return EditorsMenuItem(
        _("Speakers' involvement"),
        reverse(involvement_viewset.get_url_name("index")),
        name="speaker-involvement",
        icon_name="doc-full",
        order=90,
    )


def is_webinar(page):
    page_class = page.specific_class
    return page_class is not None and issubclass(page_class, WebinarPage)


@hooks.register("register_page_header_buttons")
def webinar_header_buttons(page, user, view_name, next_url=None):
    if not (is_webinar(page) and can_read_reports(user)):
        return []
    webinar = page.specific_deferred
    buttons = [
        Button(
            _("Registrations"),
            url=reverse("webinars_admin:registrations", args=[page.pk]),
            icon_name="group",
            priority=40,
        )
    ]
    if not webinar.cancelled and webinar.is_upcoming() and may_change_live_webinar(user, webinar):
        buttons.append(
            Button(
                _("Cancel this webinar"),
                url=reverse("webinars_admin:cancel", args=[page.pk]),
                icon_name="cross",
                priority=45,
            )
        )
    return buttons


@hooks.register("register_page_listing_more_buttons")
def webinar_listing_buttons(page, user, next_url=None):
    if not (is_webinar(page) and can_read_reports(user)):
        return []
    return [
        Button(
            _("Registrations"),
            url=reverse("webinars_admin:registrations", args=[page.pk]),
            icon_name="group",
            priority=45,
        )
    ]


# The admin's history ----------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_webinar_log_actions(actions):
    actions.register_action("webinars.cancel")(CancelFormatter)
    actions.register_action("webinars.record_audience")(AudienceFormatter)


class CancelFormatter(LogFormatter):
    label = _("Cancel webinar")

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return _("Webinar cancelled, and everyone registered emailed: %(reason)s") % {
                "reason": reason
            }
        return _("Webinar cancelled, and everyone registered emailed")


class AudienceFormatter(LogFormatter):
    label = _("Record audience")

    def format_message(self, log_entry):
        audience = (log_entry.data or {}).get("audience")
        if audience is None:
            return _("Audience figure cleared: the attendance marked is counted")
        return ngettext(
            "Audience recorded: %(count)s person", "Audience recorded: %(count)s people", audience
        ) % {"count": audience}


# Community impact -------------------------------------------------------------------------


@hooks.register(IMPACT_FIGURES_HOOK)
def webinar_impact_figures():
    figures = impact_figures()
    return [
        Figure(
            key="webinars_held",
            label=_("Webinars held"),
            value=figures["held"],
            help_text=_("Published webinars that have taken place and were not cancelled."),
            order=60,
        ),
        Figure(
            key="webinar_audience_total",
            label=_("Total webinar audience"),
            value=figures["audience_total"],
            help_text=_(
                "People at the webinars held: the audience an editor entered, else the "
                "attendance marked. Webinars with neither are not counted."
            ),
            order=62,
        ),
        Figure(
            key="webinar_audience_min",
            label=_("Smallest webinar audience"),
            value=figures["audience_min"],
            help_text=_("Of the webinars held with an audience figure (0 if none has one)."),
            order=64,
        ),
        Figure(
            key="webinar_audience_max",
            label=_("Largest webinar audience"),
            value=figures["audience_max"],
            help_text=_("Of the webinars held with an audience figure (0 if none has one)."),
            order=66,
        ),
        Figure(
            key="speakers_expert_by_experience",
            label=_("Speakers who are experts by experience"),
            value=figures["experts"],
            help_text=_(
                "Speakers at the webinars held who have lived experience, counted only "
                "with their consent to being described so."
            ),
            order=70,
        ),
    ]


# Recordings through Wagtail's document URL -----------------------------------------------


@hooks.register("before_serve_document", order=60)
def recordings_only_for_members_with_consent(document, request):
    """A webinar's recording file is for approved members, and only while everyone taking
    part agrees to it being published: the same at /documents/ as at the webinar's own
    `recording/` address. (Runs after core's access hook, order 50, has applied the pages'
    rule; people who may see the document in the admin are not refused.)"""
    webinars = [
        page
        for page in access.document_users(request, document)  # already asked: no query
        if isinstance(page, WebinarPage) and page.recording_document_id == document.pk
    ]
    if not webinars or access.can_see_document_in_admin(request.user, document):
        return None
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return access.refusal(request, standing)
    if not any(webinar.recording_allowed() for webinar in webinars):
        return access.refusal(request, access.Verdict.NOT_FOUND)
    return None
