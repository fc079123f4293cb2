"""Speakers in the Wagtail admin: the Speakers snippet with a Consent page per speaker (the
history of their consent and a form to record a change), and the involvement records.

Registered in `wagtail_hooks.py`. Both hold evidence about people that only the Core action
group's editors should read (what a speaker agreed to, what they were paid), so they follow
the report frame's rule, `can_read_reports`, through `EditorsPermissionPolicy`: editors may
add, change and view speakers and involvement records without a permission per model, and
moderators, who also work in the admin, see neither. Deleting a speaker deletes their
consent history, so it stays with the model permission (superusers).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.views import snippets as snippet_views

from core.policies import EditorsPermissionPolicy
from core.reports import can_read_reports, table_response

from .admin_forms import ConsentRecordForm
from .consent import CONSENT_TEXTS, CURRENT_VERSION, Use, consent_text
from .models import ConsentRecord, Involvement, Speaker, record_consent

SPEAKER_POLICY = EditorsPermissionPolicy(Speaker, editor_actions=("add", "change", "view"))
INVOLVEMENT_POLICY = EditorsPermissionPolicy(
    Involvement, editor_actions=("add", "change", "delete", "view")
)


def agreed_to(speaker):
    """ "Name, role and organisation; Biography", or "Nothing yet" (for the listing)."""
    given = [str(use.label) for use in Use if speaker.consents_to(use)]
    return "; ".join(given) or gettext("Nothing yet")


# Speakers -------------------------------------------------------------------------------


class SpeakerIndexView(snippet_views.IndexView):
    def search_queryset(self, queryset):
        # The search index holds only consented names (Speaker.search_fields); editors
        # need to find every speaker, so the listing searches the table itself.
        if not self.is_searching:
            return queryset
        for word in self.search_query.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(role__icontains=word) | Q(organisation__icontains=word)
            )
        return queryset

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_read_reports(self.request.user):
            consent_url_name = Speaker.snippet_viewset.get_url_name("consent")
            buttons.append(
                ListingButton(
                    _("Consent"),
                    url=reverse(consent_url_name, args=[instance.pk]),
                    icon_name="tick-inverse",
                    priority=5,
                    attrs={"aria-label": _("%(name)s’s consent") % {"name": instance.name}},
                )
            )
        return buttons


class ConsentView(WagtailAdminTemplateMixin, FormView):
    """A speaker's consent: what holds now, every record ever made, the consent wording of
    each version, and a form to record consent given or withdrawn."""

    form_class = ConsentRecordForm
    template_name = "webinars/admin/consent.html"
    page_title = _("Consent")
    header_icon = "tick-inverse"
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not can_read_reports(request.user):
            raise PermissionDenied
        self.speaker = get_object_or_404(Speaker, pk=kwargs["pk"]).consent_holder()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.speaker.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Speakers")},
            {
                "url": reverse(self.edit_url_name, args=[self.speaker.pk]),
                "label": self.speaker.name,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def chosen_version(self):
        """The version chosen in the form just sent, else asked for in the address, else
        the current one."""
        asked = self.request.POST.get("version") or self.request.GET.get("version", "")
        return asked if consent_text(asked) is not None else CURRENT_VERSION

    def get_initial(self):
        return {
            "agreed_on": timezone.localdate(),
            "version": self.chosen_version(),
            "decision": ConsentRecordForm.GIVEN,
        }

    def get_context_data(self, **kwargs):
        current = self.speaker.current_consent()
        history = (
            ConsentRecord.objects.filter(speaker__translation_key=self.speaker.translation_key)
            .select_related("recorded_by")
            .order_by("-agreed_on", "-recorded_at", "-pk")
        )
        chosen = self.chosen_version()
        return super().get_context_data(
            speaker=self.speaker,
            current=[
                {"use": use, "record": record, "shown": self.speaker.consents_to(use)}
                for use, record in current.items()
            ],
            history=history,
            texts=[
                {
                    "text": text,
                    "current": text.version == CURRENT_VERSION,
                    "chosen": text.version == chosen,
                }
                for text in reversed(CONSENT_TEXTS)
            ],
            chosen_text=consent_text(chosen),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        uses = [Use(value) for value in data["uses"]]
        changed = record_consent(
            self.speaker,
            uses,
            given=form.given,
            agreed_on=data["agreed_on"],
            version=data["version"],
            how=data["how"],
            by=self.request.user,
        )
        labels = "; ".join(str(use.label) for use in uses)
        values = {"name": self.speaker.name, "uses": labels}
        if form.given:
            message = _("Recorded: %(name)s gave consent for %(uses)s.") % values
        else:
            message = (
                _(
                    "Recorded: %(name)s withdrew consent for %(uses)s. It is no longer shown "
                    "anywhere on the site."
                )
                % values
            )
        if not changed:
            message = " ".join(
                [str(message), gettext("Nothing changes on the site: this was already so.")]
            )
        messages.success(self.request, message)
        return redirect(self.request.path)


class SpeakerViewSet(snippet_views.SnippetViewSet):
    """Everyone the site credits: speakers, and co-authors and contributors of pages."""

    model = Speaker
    icon = "user"
    index_view_class = SpeakerIndexView
    list_display = [
        "name",
        "role",
        "organisation",
        Column("agreed_to", label=_("Agreed to be shown"), accessor=agreed_to),
    ]
    search_fields = ["name", "role", "organisation"]
    search_backend_name = None
    ordering = ["name"]
    copy_view_enabled = False

    @property
    def consent_view(self):
        return ConsentView.as_view(
            index_url_name=self.get_url_name("list"),
            edit_url_name=self.get_url_name("edit"),
            breadcrumbs_items=self.breadcrumbs_items,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("consent/<int:pk>/", self.consent_view, name="consent"),
        ]


# Involvement records --------------------------------------------------------------------

INVOLVEMENT_HEADER = [
    _("Webinar"),
    _("Date"),
    _("Speaker"),
    _("Part"),
    _("Payment"),
    _("Fee (£)"),
    _("Expenses (£)"),
    _("Expenses paid"),
    _("Notes"),
]


def involvement_row(item):
    return [
        item.webinar.title,
        timezone.localtime(item.webinar.start).date(),
        item.speaker.name,
        item.get_part_display(),
        item.get_payment_display(),
        item.fee,
        item.expenses,
        gettext("Yes") if item.expenses_paid else gettext("No"),
        item.notes,
    ]


class InvolvementIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("webinar", "speaker")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The listing as filtered, through the report frame's spreadsheet-safe export."""
        rows = [involvement_row(item) for item in queryset]
        stem = f"speaker-involvement-{timezone.localdate():%Y-%m-%d}"
        return table_response(
            INVOLVEMENT_HEADER, rows, stem, spreadsheet_format, sheet_title=gettext("Involvement")
        )


class InvolvementViewSet(ModelViewSet):
    """Each speaker's part in a webinar and what they were offered (editors only)."""

    model = Involvement
    icon = "doc-full"
    menu_label = _("Speakers' involvement")
    add_to_admin_menu = False
    name = "involvement"
    index_view_class = InvolvementIndexView
    list_display = [
        Column("speaker", label=_("Speaker"), accessor="speaker.name", sort_key="speaker__name"),
        Column("webinar", label=_("Webinar"), accessor="webinar.title", sort_key="webinar__title"),
        Column("part", label=_("Part"), accessor="get_part_display", sort_key="part"),
        Column("payment", label=_("Payment"), accessor="get_payment_display", sort_key="payment"),
        "fee",
        "expenses",
        "expenses_paid",
    ]
    list_filter = ["part", "payment", "expenses_paid"]
    # Shows Wagtail's export buttons; the files are made by `as_spreadsheet` above.
    list_export = ["webinar", "speaker", "part", "payment", "fee", "expenses", "expenses_paid"]
    search_fields = ["speaker__name", "webinar__title", "notes"]
    search_backend_name = None
    ordering = ["-webinar__start", "speaker__name"]
    copy_view_enabled = False
    add_to_reference_index = False
    panels = [
        FieldPanel("webinar"),
        FieldPanel("speaker"),
        FieldPanel("part"),
        MultiFieldPanel(
            [
                FieldPanel("payment"),
                FieldRowPanel([FieldPanel("fee"), FieldPanel("expenses")]),
                FieldPanel("expenses_paid"),
            ],
            heading=_("Payment and expenses"),
        ),
        FieldPanel("notes"),
    ]
