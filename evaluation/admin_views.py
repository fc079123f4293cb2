"""The editors' side of narrative evaluations in the Wagtail admin: "Narrative
evaluations" (a ModelViewSet: the evaluation and its signifiers), and from each evaluation
its Patterns page (the sent stories' patterns, narrowed by the multiple choices' options),
its downloads (CSV and XLSX of the same group) and the page reading one story.

Registered in `wagtail_hooks.py`, with its permission policy. Only whoever holds
`core.view_reports` (the editors: `core.reports.can_read_reports`) gets in; moderators and
members do not. Deleting an evaluation stays with the model permission (superusers), and
only while nobody has told a story in it.

Privacy: nothing here names a teller, and nothing shows for a group of fewer than
`Evaluation.MIN_GROUP` sent stories (patterns.py); a story's own page exists only once
the evaluation has that many.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from core.policies import EditorsPermissionPolicy
from core.reports import can_read_reports, table_response

from . import patterns, plots
from .admin_forms import EvaluationAdminForm
from .models import Evaluation, Signifier

URL_NAMESPACE = "narrative_evaluations"
ICON = "comment"


def url_name(name):
    return f"{URL_NAMESPACE}:{name}"


# Who may: the editors ------------------------------------------------------------------


EVALUATION_POLICY = EditorsPermissionPolicy(Evaluation, editor_actions=("add", "change", "view"))


# The listing ---------------------------------------------------------------------------


def when(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i") if moment else ""


def opens(evaluation):
    return when(evaluation.opens_at)


def closes(evaluation):
    return when(evaluation.closes_at) or gettext("Open until closed")


def sent_count(evaluation):
    return evaluation.sent_stories


def patterns_url(evaluation):
    return reverse(url_name("patterns"), args=[evaluation.pk])


def patterns_link(evaluation):
    return format_html(
        '<a href="{}">{}<span class="w-sr-only">: {}</span></a>',
        patterns_url(evaluation),
        gettext("Patterns"),
        evaluation.title,
    )


def has_stories(evaluation):
    return evaluation.responses.exists()


class EvaluationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                sent_stories=Count("responses", filter=Q(responses__submitted_at__isnull=False))
            )
        )


class EvaluationEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                gettext("Patterns"), url=patterns_url(self.object), icon_name="view", priority=1
            )
        )
        return buttons


class EvaluationDeleteView(generic.DeleteView):
    """Deleting is for an evaluation nobody has told a story in: it would take the
    stories with it."""

    def get(self, request, *args, **kwargs):
        if has_stories(self.object):
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if has_stories(self.object):
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def refuse(self):
        messages.error(
            self.request,
            gettext(
                "Members have told stories in “%(title)s”, so it stays: deleting it would "
                "delete their stories too. You can close it instead, by giving it a "
                "closing date."
            )
            % {"title": self.object.title},
        )
        return redirect(reverse(url_name("edit"), args=[self.object.pk]))


class EvaluationViewSet(ModelViewSet):
    """Narrative evaluations, newest first; each has a Patterns page, its downloads and a
    page per story (`get_urlpatterns`)."""

    model = Evaluation
    name = URL_NAMESPACE
    url_prefix = "narrative-evaluations"
    icon = ICON
    menu_label = _("Narrative evaluations")
    menu_order = 275
    add_to_admin_menu = True
    index_view_class = EvaluationIndexView
    edit_view_class = EvaluationEditView
    delete_view_class = EvaluationDeleteView
    list_display = [
        "title",
        Column("opens_at", label=_("Opens"), accessor=opens),
        Column("closes_at", label=_("Closes"), accessor=closes),
        Column("sent_stories", label=_("Stories sent"), accessor=sent_count),
        Column("patterns", label=_("Patterns"), accessor=patterns_link),
    ]
    search_fields = ["title", "introduction"]
    search_backend_name = None
    ordering = ["-opens_at", "-pk"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(Evaluation.panels, base_form_class=EvaluationAdminForm)

    @property
    def permission_policy(self):
        return EVALUATION_POLICY

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/patterns/", PatternsView.as_view(), name="patterns"),
            path(
                "<int:pk>/patterns/csv/",
                PatternsExportView.as_view(file_format="csv"),
                name="patterns_csv",
            ),
            path(
                "<int:pk>/patterns/xlsx/",
                PatternsExportView.as_view(file_format="xlsx"),
                name="patterns_xlsx",
            ),
            path("<int:pk>/stories/<int:story_pk>/", StoryView.as_view(), name="story"),
        ]


evaluation_viewset = EvaluationViewSet()


# An evaluation's own pages -------------------------------------------------------------


class EvaluationPageMixin(WagtailAdminTemplateMixin):
    """A page about one evaluation, for the editors only."""

    header_icon = ICON

    def dispatch(self, request, *args, **kwargs):
        # Who first: someone refused learns nothing, not even whether it exists.
        if not can_read_reports(request.user):
            raise PermissionDenied
        self.evaluation = get_object_or_404(Evaluation, pk=kwargs["pk"])
        self.signifiers = list(self.evaluation.signifiers.all())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.evaluation.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("index")), "label": _("Narrative evaluations")},
            {
                "url": reverse(url_name("edit"), args=[self.evaluation.pk]),
                "label": self.evaluation.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            evaluation=self.evaluation,
            min_group=Evaluation.MIN_GROUP,
            patterns_url=patterns_url(self.evaluation),
            **kwargs,
        )


class FilteredGroupMixin(EvaluationPageMixin):
    """The group the query string's filters choose."""

    def filtered_group(self):
        filters, ignored = patterns.choice_filters(
            self.evaluation, self.signifiers, self.request.GET
        )
        group = patterns.group_of(self.evaluation, self.signifiers, filters)
        return filters, ignored, group

    def filter_query(self, filters):
        """The query string of the chosen filters (allow-listed), for links and exports."""
        query = QueryDict(mutable=True)
        for choice_filter in filters:
            if choice_filter.selected:
                query.setlist(choice_filter.name, choice_filter.selected)
        return query.urlencode()


def chart_id(pattern):
    return f"signifier-{pattern.signifier.pk}-plot"


class PatternsView(FilteredGroupMixin, TemplateView):
    """The sent stories' patterns: every triad's placements, every slider's bins, every
    multiple choice's counts, for the whole evaluation or the stories chosen by the
    filters; nothing below `Evaluation.MIN_GROUP` stories."""

    template_name = "evaluation/admin/patterns.html"
    page_title = _("Patterns")

    def story_url(self, story_pk):
        return reverse(url_name("story"), args=[self.evaluation.pk, story_pk])

    def plot(self, pattern):
        if pattern.kind == Signifier.Kind.TRIAD:
            return plots.triad_svg(pattern, chart_id(pattern), self.story_url)
        if pattern.kind == Signifier.Kind.SLIDER:
            return plots.histogram_svg(pattern, chart_id(pattern))
        return ""

    def get_context_data(self, **kwargs):
        filters, ignored, group = self.filtered_group()
        query = self.filter_query(filters)
        suffix = f"?{query}" if query else ""
        total = patterns.sent_stories(self.evaluation).count()
        return super().get_context_data(
            total=total,
            filters=filters,
            filtered=patterns.is_filtered(filters),
            ignored=ignored,
            group=group,
            shown_patterns=[
                {
                    "pattern": pattern,
                    "plot": self.plot(pattern),
                    "chart_id": chart_id(pattern),
                    "points": [
                        {"point": point, "url": self.story_url(point.story_id)}
                        for point in pattern.points
                    ],
                }
                for pattern in group.patterns
            ],
            csv_url=reverse(url_name("patterns_csv"), args=[self.evaluation.pk]) + suffix,
            xlsx_url=reverse(url_name("patterns_xlsx"), args=[self.evaluation.pk]) + suffix,
            **kwargs,
        )


class PatternsExportView(FilteredGroupMixin, View):
    """The group's stories and answers as CSV or XLSX, one row a story: no names, no
    people; refused below `Evaluation.MIN_GROUP` stories."""

    file_format = "csv"
    page_title = _("Patterns")

    def get(self, request, *args, **kwargs):
        filters, _ignored, group = self.filtered_group()
        if not group.shown:
            messages.error(
                request,
                gettext(
                    "Fewer than %(min)s stories match, so there is nothing to download: "
                    "choose fewer filters."
                )
                % {"min": Evaluation.MIN_GROUP},
            )
            query = self.filter_query(filters)
            return redirect(patterns_url(self.evaluation) + (f"?{query}" if query else ""))
        stem = f"{self.evaluation.slug}-stories-{timezone.localdate():%Y-%m-%d}"
        return table_response(
            patterns.export_header(self.signifiers),
            patterns.export_rows(group, self.signifiers),
            stem,
            self.file_format,
            sheet_title=gettext("Stories"),
        )


class StoryView(EvaluationPageMixin, TemplateView):
    """One sent story, its title, its text and how its teller placed it: never who told
    it. Not found unless the evaluation has `Evaluation.MIN_GROUP` sent stories."""

    template_name = "evaluation/admin/story.html"
    page_title = _("A story")

    def get(self, request, *args, **kwargs):
        sent = patterns.sent_stories(self.evaluation)
        if not patterns.is_large_enough(sent.count()):
            raise Http404("Too few stories.")
        self.story = get_object_or_404(
            sent.only("pk", "title", "story", "submitted_at", "evaluation_id"),
            pk=kwargs["story_pk"],
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            story=self.story,
            story_title=patterns.story_title(self.story),
            readings=patterns.readings(self.story, self.signifiers),
            **kwargs,
        )
