"""The webinars' editors' side of the Wagtail admin: registrations per webinar (with their
export, attendance and the audience figure), cancelling a webinar, the list of webinars in
the Reports menu, and the webinars' figures for the Community impact report.

Registered in `wagtail_hooks.py`. Who may do what:
  * seeing registrations (members' names and email addresses) and exporting them needs
    `can_read_reports` (the Core action group's editors and superusers; not moderators);
  * changing what a live page says (attendance feeds its audience figure, the audience
    figure, cancelling) also needs Wagtail's permission to publish that page.
Speakers, their consent and involvement records are in `admin_speakers.py`; refusing to
publish without consent in `admin_forms.py` and `admin_publishing.py`.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.search import index

from core.reports import EditorsOnlyMixin, can_read_reports, table_response

from .admin_forms import AudienceForm, CancelWebinarForm
from .models import AgendaItem, Registration, Speaker, WebinarPage
from .registration import cancel_webinar as cancel_everywhere

WEBINARS_PER_PAGE = 25

#: Registrations in the order editors read them: places, then the queue, then cancelled.
STATUS_ORDER = Case(
    When(status=Registration.Status.CONFIRMED, then=Value(0)),
    When(status=Registration.Status.WAITING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def may_change_live_webinar(user, webinar):
    """Editors who may also publish `webinar`: the page's live text is theirs to change."""
    return can_read_reports(user) and webinar.permissions_for_user(user).can_publish()


def attended_display(registration):
    if registration.attended is None:
        return gettext("Not marked")
    return gettext("Yes") if registration.attended else gettext("No")


# What the views do ----------------------------------------------------------------------


def language_copies(webinar):
    return WebinarPage.objects.filter(translation_key=webinar.translation_key)


def purge_live_copies(webinar):
    """Tell any front-end cache to drop every language's page of `webinar` and listing."""
    live = list(language_copies(webinar).live())
    if live:
        purge_pages_from_cache(live)
        purge_pages_from_cache([page.get_parent() for page in live])


def mark_attendance(webinar, attended_ids):
    """Everyone with a place: attended if their id is in `attended_ids`, else not."""
    places = Registration.objects.filter(webinar=webinar).confirmed()
    attended = places.filter(pk__in=attended_ids).update(attended=True)
    places.exclude(pk__in=attended_ids).update(attended=False)
    transaction.on_commit(lambda: purge_live_copies(webinar))
    return attended


def record_audience(webinar, audience, user):
    """Set the audience figure on every language copy, live and in its newest and live
    revisions, so publishing a draft started before does not wipe it out."""
    with transaction.atomic():
        copies = list(language_copies(webinar).select_related("live_revision", "latest_revision"))
        language_copies(webinar).update(audience=audience)
        for copy in copies:
            for revision in {copy.live_revision, copy.latest_revision} - {None}:
                revision.content["audience"] = audience
                revision.save(update_fields=["content"])
        log(webinar, "webinars.record_audience", user=user, data={"audience": audience})
        transaction.on_commit(lambda: purge_live_copies(webinar))


def cancel_webinar(webinar, reason, user):
    """Cancel `webinar` in every language (webinars.registration.cancel_webinar: the flags,
    SEQUENCE and the emails), log it, and take it to the search index and front-end cache.
    Returns how many people are emailed."""
    with transaction.atomic():
        told = cancel_everywhere(webinar, reason)
        log(webinar, "webinars.cancel", user=user, data={"reason": reason})

        def after_commit():
            for copy in language_copies(webinar).specific():
                index.insert_or_update_object(copy)
            purge_live_copies(webinar)

        transaction.on_commit(after_commit)
    return told


# Views ----------------------------------------------------------------------------------


class WebinarListView(EditorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every webinar (one row per webinar, in the default language), newest first."""

    template_name = "webinars/admin/webinar_list.html"
    page_title = _("Webinar registrations")
    header_icon = "calendar-alt"
    FILTERS = {"upcoming": _("Upcoming"), "past": _("Past"), "all": _("All")}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        shown = self.request.GET.get("when", "all")
        if shown not in self.FILTERS:
            shown = "all"
        webinars = WebinarPage.objects.filter(locale=Locale.get_default()).defer_streamfields()
        if shown == "upcoming":
            webinars = webinars.upcoming()
        elif shown == "past":
            webinars = webinars.past()
        else:
            webinars = webinars.order_by("-start", "-pk")
        webinars = webinars.annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
            marked=Count("registrations", filter=Q(registrations__attended=True)),
        )
        page = Paginator(webinars, WEBINARS_PER_PAGE).get_page(self.request.GET.get("p"))
        now = timezone.now()
        for webinar in page:
            webinar.audience_shown = (
                webinar.audience if webinar.audience is not None else (webinar.marked or None)
            )
            webinar.upcoming_now = webinar.is_upcoming(now)
        return super().get_context_data(
            webinars=page,
            filters=[
                {"name": name, "label": label, "current": name == shown}
                for name, label in self.FILTERS.items()
            ],
            shown=shown,
            **kwargs,
        )


def registrations_of(webinar):
    return (
        Registration.objects.filter(webinar=webinar)
        .select_related("member")
        .order_by(STATUS_ORDER, "queued_at", "pk")
    )


class WebinarAdminMixin(WagtailAdminTemplateMixin):
    """Finds the webinar (any language's id; the default language's copy holds the list)
    after checking the person may read registrations at all."""

    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        if not can_read_reports(request.user):
            raise PermissionDenied
        page = get_object_or_404(WebinarPage, pk=kwargs["page_id"])
        self.webinar = page.registration_webinar()
        return self.refuse(request) or super().dispatch(request, *args, **kwargs)

    def refuse(self, request):
        """A response instead of the view's own, or None to go on."""
        return None

    def may_change(self):
        return may_change_live_webinar(self.request.user, self.webinar)

    def get_page_subtitle(self):
        return self.webinar.get_admin_display_title()

    def registrations_url(self):
        return reverse("webinars_admin:registrations", args=[self.webinar.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webinars_admin:list"), "label": _("Webinar registrations")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class RegistrationsView(WebinarAdminMixin, TemplateView):
    """Who registered, with their status. Once the webinar has started, two forms (POSTs):
    attendance (a box per person with a place) and the audience figure."""

    template_name = "webinars/admin/registrations.html"
    page_title = _("Registrations")

    def get_context_data(self, audience_form=None, **kwargs):
        webinar = self.webinar
        rows = list(registrations_of(webinar))
        for row in rows:
            row.attended_display = attended_display(row)
        counts = {
            status: sum(1 for row in rows if row.status == status)
            for status in Registration.Status.values
        }
        started = webinar.has_started()
        may_change = self.may_change()
        return super().get_context_data(
            webinar=webinar,
            rows=rows,
            counts=counts,
            attended_count=sum(1 for row in rows if row.attended),
            started=started,
            upcoming=webinar.is_upcoming(),
            may_mark=may_change and started and not webinar.cancelled,
            may_cancel=may_change and webinar.is_upcoming() and not webinar.cancelled,
            audience_form=audience_form or AudienceForm(initial={"audience": webinar.audience}),
            audience_figure=webinar.audience_figure(),
            export_csv_url=reverse("webinars_admin:export", args=[webinar.pk, "csv"]),
            export_xlsx_url=reverse("webinars_admin:export", args=[webinar.pk, "xlsx"]),
            cancel_url=reverse("webinars_admin:cancel", args=[webinar.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[webinar.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.may_change():
            raise PermissionDenied
        if not self.webinar.has_started() or self.webinar.cancelled:
            messages.error(
                request,
                _("Attendance and the audience can be entered once the webinar has started."),
            )
            return redirect(self.registrations_url())
        if request.POST.get("action") == "audience":
            return self.save_audience()
        return self.save_attendance()

    def save_attendance(self):
        ids = {value for value in self.request.POST.getlist("attended") if value.isdigit()}
        attended = mark_attendance(self.webinar, [int(value) for value in ids])
        messages.success(
            self.request,
            ngettext(
                "Attendance saved: %(count)s person marked as attending.",
                "Attendance saved: %(count)s people marked as attending.",
                attended,
            )
            % {"count": attended},
        )
        return redirect(self.registrations_url())

    def save_audience(self):
        form = AudienceForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(audience_form=form))
        audience = form.cleaned_data["audience"]
        record_audience(self.webinar, audience, self.request.user)
        if audience is None:
            message = _("Audience cleared: the attendance marked is counted instead.")
        else:
            message = ngettext(
                "Audience saved: %(count)s person.", "Audience saved: %(count)s people.", audience
            ) % {"count": audience}
        messages.success(self.request, message)
        return redirect(self.registrations_url())


REGISTRATION_HEADER = [
    _("Name"),
    _("Email"),
    _("Status"),
    _("Registered"),
    _("Place given"),
    _("Attended"),
]


def registration_row(registration):
    member = registration.member
    return [
        member.get_full_name() or member.email,
        member.email,
        registration.get_status_display(),
        registration.created_at,
        registration.confirmed_at,
        attended_display(registration),
    ]


class RegistrationsExportView(WebinarAdminMixin, View):
    """The registrations as CSV or Excel (the format in the URL: csv or xlsx)."""

    def get(self, request, page_id, file_format):
        webinar = self.webinar
        rows = [registration_row(registration) for registration in registrations_of(webinar)]
        stem = f"registrations-{webinar.slug}-{timezone.localtime(webinar.start):%Y-%m-%d}"
        return table_response(
            REGISTRATION_HEADER, rows, stem, file_format, sheet_title=gettext("Registrations")
        )


class CancelWebinarView(WebinarAdminMixin, FormView):
    """Asks first (with an optional reason); then cancels and emails everyone registered."""

    form_class = CancelWebinarForm
    template_name = "webinars/admin/cancel.html"
    page_title = _("Cancel this webinar")

    def refuse(self, request):
        if not self.may_change():
            raise PermissionDenied
        if self.webinar.cancelled:
            messages.warning(request, _("This webinar is already cancelled."))
            return redirect(self.registrations_url())
        if not self.webinar.is_upcoming():
            messages.warning(
                request, _("This webinar has taken place, so it cannot be cancelled.")
            )
            return redirect(self.registrations_url())
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            webinar=self.webinar,
            start=date_format(timezone.localtime(self.webinar.start), "l j F Y, H:i"),
            registrants=Registration.objects.filter(webinar=self.webinar).active().count(),
            back_url=self.registrations_url(),
            **kwargs,
        )

    def form_valid(self, form):
        emailed = cancel_webinar(self.webinar, form.cleaned_data["reason"], self.request.user)
        messages.success(
            self.request,
            ngettext(
                "“%(title)s” is cancelled in every language. We are emailing the %(count)s "
                "person who was registered or waiting.",
                "“%(title)s” is cancelled in every language. We are emailing the %(count)s "
                "people who were registered or waiting.",
                emailed,
            )
            % {"title": self.webinar.title, "count": emailed},
        )
        return redirect(self.registrations_url())


# Figures for the Community impact report --------------------------------------------------


def impact_figures():
    """Webinars held, their audiences and the experts by experience who spoke at them.

    One row per webinar (the default language's copy, so a Welsh copy is not counted
    again). A webinar's audience is the editor's figure, else the attendance marked;
    webinars with neither are left out of the audience figures. A speaker counts as an
    expert by experience only with their consent to the label.
    """
    held = WebinarPage.objects.held().exclude(first_published_at=None)
    rows = list(
        held.annotate(
            marked=Count("registrations", filter=Q(registrations__attended=True))
        ).values_list("audience", "marked")
    )
    audiences = [
        audience if audience is not None else marked
        for audience, marked in rows
        if audience is not None or marked
    ]
    appearing = (
        Q(pk__in=held.values("chair"))
        | Q(appearances__page__in=held)
        | Q(pk__in=AgendaItem.objects.filter(page__in=held).values("speaker"))
    )
    experts = (
        Speaker.objects.filter(expert_by_experience=True, consent_label=True)
        .filter(appearing)
        .values("translation_key")
        .distinct()
        .count()
    )
    return {
        "held": len(rows),
        "audience_total": sum(audiences),
        "audience_min": min(audiences, default=0),
        "audience_max": max(audiences, default=0),
        "experts": experts,
    }
