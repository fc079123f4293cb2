"""The editors' side of consensus studies in the Wagtail admin: "Consensus studies" (a
ModelViewSet), and from each study two pages of its own: its sections and statements, and
its rounds (add one, open it now, close it now and work out its results, read them), and
the results' downloads (CSV and XLSX of every round, an XLSX final report: `results.py`).

Registered in `wagtail_hooks.py`, with its permission policy. Only whoever holds
`core.view_reports` (the editors: `core.reports.can_read_reports`) gets in; moderators and
members do not. Deleting a study deletes its ratings and results, so it stays with the
model permission (superusers).

Privacy: nothing here shows one person's ratings, or who wrote a comment, or who took
part; results are counts, shown only from `Study.MIN_RATERS` raters with an opinion.
Rating and Participant have no admin listing at all.

A round's statements are fixed, as worded then, when it opens (`rounds.open_round`) and
never change afterwards; editors revise a statement or add new ones between rounds, for
the next round to ask.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ListingButton

from core.policies import EditorsPermissionPolicy
from core.reports import can_read_reports, table_response, workbook_response

from . import results, rounds
from .admin_forms import NewStatementForm, RoundForm, SectionForm, StatementForm, StudyForm
from .models import Rating, Round, RoundStatement, Section, Statement, Study

URL_NAMESPACE = "consensus_studies"


def url_name(name):
    return f"{URL_NAMESPACE}:{name}"


# Who may: the editors ------------------------------------------------------------------


STUDY_POLICY = EditorsPermissionPolicy(Study, editor_actions=("add", "change", "view"))


# Where a study stands ------------------------------------------------------------------


def when(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def round_state(round, now=None):
    """What an editor needs to know of a round, in words."""
    now = now or timezone.now()
    if round.is_closed:
        return gettext("Closed %(when)s; results worked out") % {"when": when(round.closed_at)}
    if round.opens_at > now:
        return gettext("Opens %(when)s") % {"when": when(round.opens_at)}
    if round.closes_at <= now:
        return gettext("Past its closing time: closes at the next run of the timer")
    return gettext("Open now, until %(when)s") % {"when": when(round.closes_at)}


def study_state(study, now=None):
    """The study's state for the listing, from its rounds (prefetched, in order)."""
    now = now or timezone.now()
    all_rounds = list(study.rounds.all())
    if study.is_finished:
        return gettext("Finished")
    if not all_rounds:
        return gettext("No rounds yet")
    for round in all_rounds:
        if not round.is_closed:
            if round.opens_at <= now:
                return gettext("Round %(number)s open") % {"number": round.number}
            return gettext("Round %(number)s to open %(when)s") % {
                "number": round.number,
                "when": when(round.opens_at),
            }
    return gettext("Round %(number)s closed") % {"number": all_rounds[-1].number}


def round_count(study):
    return len(study.rounds.all())


def audience_label(study):
    return study.get_audience_display()


def study_links(study):
    """The study's own pages: (label, url name, icon)."""
    return [
        (_("Sections and statements"), "statements", "list-ul"),
        (_("Rounds and results"), "rounds", "time"),
    ]


# The study ViewSet ---------------------------------------------------------------------


class StudyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .prefetch_related(Prefetch("rounds", queryset=Round.objects.order_by("number")))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, name, icon) in enumerate(study_links(instance), start=5):
            buttons.append(
                ListingButton(
                    label,
                    url=reverse(url_name(name), args=[instance.pk]),
                    icon_name=icon,
                    priority=priority,
                    attrs={"aria-label": f"{label}: {instance.title}"},
                )
            )
        return buttons


class StudyEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, name, icon) in enumerate(study_links(self.object), start=1):
            buttons.append(
                Button(
                    label,
                    url=reverse(url_name(name), args=[self.object.pk]),
                    icon_name=icon,
                    priority=priority,
                )
            )
        return buttons


RULE_HELP_TEXT = _(
    "The defaults suit most studies: ratings from 1 to 9, where 1 to 3 is disagree, 4 to 6 "
    "unsure and 7 to 9 agree, and anyone may choose “no opinion” instead (it is not counted "
    "in the percentages). A statement reaches consensus when at least 70%% of those with an "
    "opinion rate it 7 to 9 and under 15%% rate it 1 to 3. Results are shown only when at "
    "least %(min)s people gave an opinion. Change these before the first round opens: "
    "changing them later changes how later rounds are judged."
)


def rule_help():
    return format_html("<p>{}</p>", RULE_HELP_TEXT % {"min": Study.MIN_RATERS})


RULE_HELP = lazy(rule_help, str)()


class StudyViewSet(ModelViewSet):
    """Consensus studies, newest first; each study's sections, statements and rounds have
    pages of their own (`get_urlpatterns`)."""

    model = Study
    name = URL_NAMESPACE
    url_prefix = "consensus-studies"
    icon = "tasks"
    menu_label = _("Consensus studies")
    menu_order = 270
    add_to_admin_menu = True
    index_view_class = StudyIndexView
    edit_view_class = StudyEditView
    list_display = [
        "title",
        Column("audience", label=_("Who takes part"), accessor=audience_label),
        Column("rounds", label=_("Rounds"), accessor=round_count),
        Column("state", label=_("State"), accessor=study_state),
    ]
    search_fields = ["title", "purpose"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    @property
    def permission_policy(self):
        return STUDY_POLICY

    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("purpose"),
            FieldPanel("audience"),
            FieldPanel("panel"),
            MultiFieldPanel(
                [
                    HelpPanel(content=RULE_HELP),
                    FieldPanel("scale_max"),
                    FieldPanel("disagree_up_to"),
                    FieldPanel("agree_from"),
                    FieldPanel("agree_at_least"),
                    FieldPanel("disagree_below"),
                ],
                heading=_("Rating scale and consensus rule"),
            ),
        ],
        base_form_class=StudyForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/statements/", StatementsView.as_view(), name="statements"),
            path("<int:pk>/sections/add/", AddSectionView.as_view(), name="add_section"),
            path("sections/<int:pk>/edit/", EditSectionView.as_view(), name="edit_section"),
            path("sections/<int:pk>/delete/", DeleteSectionView.as_view(), name="delete_section"),
            path(
                "sections/<int:pk>/move/",
                MoveView.as_view(model=Section),
                name="move_section",
            ),
            path(
                "sections/<int:pk>/statements/add/",
                AddStatementView.as_view(),
                name="add_statement",
            ),
            path("statements/<int:pk>/edit/", EditStatementView.as_view(), name="edit_statement"),
            path(
                "statements/<int:pk>/delete/",
                DeleteStatementView.as_view(),
                name="delete_statement",
            ),
            path(
                "statements/<int:pk>/move/",
                MoveView.as_view(model=Statement),
                name="move_statement",
            ),
            path("<int:pk>/rounds/", RoundsView.as_view(), name="rounds"),
            path("<int:pk>/finish/", FinishStudyView.as_view(), name="finish"),
            path("rounds/<int:pk>/", RoundResultsView.as_view(), name="round"),
            path("rounds/<int:pk>/open/", OpenRoundView.as_view(), name="open_round"),
            path("rounds/<int:pk>/close/", CloseRoundView.as_view(), name="close_round"),
            path(
                "<int:pk>/results/csv/",
                ResultsExportView.as_view(file_format="csv"),
                name="results_csv",
            ),
            path(
                "<int:pk>/results/xlsx/",
                ResultsExportView.as_view(file_format="xlsx"),
                name="results_xlsx",
            ),
            path("<int:pk>/report/xlsx/", FinalReportExportView.as_view(), name="report_xlsx"),
        ]


study_viewset = StudyViewSet()


# A study's own pages -------------------------------------------------------------------


class StudyPageMixin(WagtailAdminTemplateMixin):
    """A page about one study, for the editors; `study_of(obj)` finds the study from the
    object in the address (`model`, by pk)."""

    model = Study
    header_icon = "tasks"
    #: Breadcrumbs: the study's page this one belongs to ("statements" or "rounds").
    parent_page = None

    def dispatch(self, request, *args, **kwargs):
        # Who first: someone refused learns nothing, not even whether the object exists.
        if not can_read_reports(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        self.study = self.study_of(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.all()

    def study_of(self, obj):
        return obj

    def get_page_subtitle(self):
        return self.study.title

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("index")), "label": _("Consensus studies")},
            {"url": reverse(url_name("edit"), args=[self.study.pk]), "label": self.study.title},
        ]
        if self.parent_page:
            label = {name: label for label, name, _icon in study_links(self.study)}
            items.append(
                {
                    "url": reverse(url_name(self.parent_page), args=[self.study.pk]),
                    "label": label[self.parent_page],
                }
            )
        return [*items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            study=self.study,
            statements_url=reverse(url_name("statements"), args=[self.study.pk]),
            rounds_url=reverse(url_name("rounds"), args=[self.study.pk]),
            **kwargs,
        )


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


class FormPageMixin(StudyPageMixin):
    """A page with one form about one object: GET shows it, POST saves it and goes back to
    the study's sections and statements."""

    template_name = "consensus/admin/form.html"
    parent_page = "statements"
    intro = ""
    submit_label = _("Save")

    def get_form(self, data=None):
        raise NotImplementedError

    def save(self, form):
        form.save()

    def success_message(self):
        return ""

    def success_url(self):
        return reverse(url_name("statements"), args=[self.study.pk])

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            self.save(form)
            messages.success(request, self.success_message())
            return redirect(self.success_url())
        messages.validation_error(request, gettext("Nothing was saved: see below."), form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(intro=self.intro, submit_label=self.submit_label, **kwargs)


# Sections and statements ---------------------------------------------------------------


def asked_in(statements):
    """Per statement pk, the rounds that asked it, in order: [{round, consensus}]; only a
    closed round's consensus is known (else None)."""
    asked = {}
    for item in (
        RoundStatement.objects.filter(statement__in=statements)
        .select_related("round")
        .order_by("round__number")
    ):
        asked.setdefault(item.statement_id, []).append(
            {
                "number": item.round.number,
                "closed": item.round.is_closed,
                "consensus": item.consensus if item.round.is_closed else None,
                "url": reverse(url_name("round"), args=[item.round_id]),
            }
        )
    return asked


class StatementsView(StudyPageMixin, TemplateView):
    """The study's sections in order, each with its statements and, per statement, the
    rounds that asked it and whether it reached consensus; forms to add, change, remove
    and reorder them."""

    template_name = "consensus/admin/statements.html"
    page_title = _("Sections and statements")

    def get_context_data(self, **kwargs):
        sections = list(
            self.study.sections.prefetch_related(
                Prefetch("statements", queryset=Statement.objects.order_by("sort_order", "pk"))
            )
        )
        statements = [statement for section in sections for statement in section.statements.all()]
        asked = asked_in(statements)
        for section in sections:
            section.items = [
                {"statement": statement, "asked": asked.get(statement.pk, [])}
                for statement in section.statements.all()
            ]
            section.statement_form = NewStatementForm(prefix=f"section-{section.pk}")
        open_now = (
            self.study.rounds.filter(closed_at__isnull=True, asked__isnull=False)
            .distinct()
            .order_by("number")
        )
        return super().get_context_data(
            sections=sections,
            section_form=SectionForm(),
            open_rounds=open_now,
            **kwargs,
        )


def next_sort_order(queryset):
    return (queryset.aggregate(last=Max("sort_order"))["last"] or 0) + 1


class AddSectionView(PostOnlyMixin, StudyPageMixin, View):
    def post(self, request, *args, **kwargs):
        form = SectionForm(request.POST)
        back = reverse(url_name("statements"), args=[self.study.pk])
        if not form.is_valid():
            messages.error(request, gettext("Give the new section a title."))
            return redirect(back)
        section = form.save(commit=False)
        section.study = self.study
        section.sort_order = next_sort_order(self.study.sections.all())
        section.save()
        messages.success(request, gettext("Section “%(title)s” added.") % {"title": section})
        return redirect(back)


class AddStatementView(PostOnlyMixin, StudyPageMixin, View):
    model = Section

    def study_of(self, section):
        return section.study

    def post(self, request, *args, **kwargs):
        section = self.object
        form = NewStatementForm(request.POST, prefix=f"section-{section.pk}")
        back = reverse(url_name("statements"), args=[self.study.pk])
        if not form.is_valid():
            messages.error(request, gettext("Write the statement before adding it."))
            return redirect(f"{back}#section-{section.pk}")
        statement = form.save(commit=False)
        statement.section = section
        statement.sort_order = next_sort_order(section.statements.all())
        statement.save()
        messages.success(
            request,
            gettext("Statement added to “%(section)s”. The next round to open asks it.")
            % {"section": section},
        )
        return redirect(f"{back}#section-{section.pk}")


class EditSectionView(FormPageMixin, TemplateView):
    model = Section
    page_title = _("Edit a section")

    def study_of(self, section):
        return section.study

    def get_form(self, data=None):
        return SectionForm(data, instance=self.object)

    def success_message(self):
        return gettext("Section “%(title)s” saved.") % {"title": self.object}


class EditStatementView(FormPageMixin, TemplateView):
    model = Statement
    page_title = _("Edit a statement")
    intro = _(
        "A round asks its statements as they were worded when it opened, and keeps that "
        "wording: a change here is asked from the next round to open. Revise a statement "
        "from the last round’s comments before you open the next round."
    )

    def get_queryset(self):
        return Statement.objects.select_related("section__study")

    def study_of(self, statement):
        return statement.section.study

    def get_form(self, data=None):
        return StatementForm(data, instance=self.object, study=self.study)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            asked=asked_in([self.object]).get(self.object.pk), **kwargs
        )

    def success_message(self):
        return gettext("Statement saved.")


class DeleteMixin(StudyPageMixin):
    """GET asks "are you sure?"; POST deletes. Not once a round asked it: its results
    would go too (a statement can be withdrawn instead)."""

    template_name = "consensus/admin/confirm_delete.html"
    parent_page = "statements"

    def was_asked(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if self.was_asked():
            return self.refuse()
        return self.render_to_response(self.get_context_data(item=self.object))

    def post(self, request, *args, **kwargs):
        if self.was_asked():
            return self.refuse()
        self.object.delete()
        messages.success(request, self.deleted_message)
        return redirect(reverse(url_name("statements"), args=[self.study.pk]))

    def refuse(self):
        messages.error(self.request, self.asked_message)
        return redirect(reverse(url_name("statements"), args=[self.study.pk]))


class DeleteSectionView(DeleteMixin, TemplateView):
    model = Section
    page_title = _("Delete a section")
    deleted_message = _("Section deleted, with its statements.")
    asked_message = _(
        "A round has asked statements of this section, so it stays with their results. "
        "Mark its statements “no longer asked” instead."
    )

    def study_of(self, section):
        return section.study

    def was_asked(self):
        return RoundStatement.objects.filter(statement__section=self.object).exists()


class DeleteStatementView(DeleteMixin, TemplateView):
    model = Statement
    page_title = _("Delete a statement")
    deleted_message = _("Statement deleted.")
    asked_message = _(
        "A round has asked this statement, so it stays with its results. Mark it “no "
        "longer asked” instead."
    )

    def get_queryset(self):
        return Statement.objects.select_related("section__study")

    def study_of(self, statement):
        return statement.section.study

    def was_asked(self):
        return self.object.asked.exists()


class MoveView(PostOnlyMixin, StudyPageMixin, View):
    """Move a section or a statement one place up or down among its neighbours."""

    model = None

    def study_of(self, obj):
        return obj.study if isinstance(obj, Section) else obj.section.study

    def siblings(self):
        if isinstance(self.object, Section):
            return self.study.sections.order_by("sort_order", "pk")
        return self.object.section.statements.order_by("sort_order", "pk")

    @transaction.atomic
    def post(self, request, *args, **kwargs):
        items = list(self.siblings())
        index = next(i for i, item in enumerate(items) if item.pk == self.object.pk)
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            for order, item in enumerate(items, start=1):
                if item.sort_order != order:
                    item.sort_order = order
                    item.save(update_fields=["sort_order"])
        anchor = (
            f"section-{self.object.pk}"
            if isinstance(self.object, Section)
            else f"statement-{self.object.pk}"
        )
        return redirect(reverse(url_name("statements"), args=[self.study.pk]) + f"#{anchor}")


# Rounds --------------------------------------------------------------------------------


def round_rows(study, now):
    counts = Count("asked"), Count("asked", filter=Q(asked__consensus=True))
    rows = []
    for round in study.rounds.annotate(asked_count=counts[0], agreed_count=counts[1]).order_by(
        "number"
    ):
        fixed = round.asked_count > 0
        rows.append(
            {
                "round": round,
                "state": round_state(round, now),
                "fixed": fixed,
                "may_open": not round.is_closed and not fixed,
                "may_close": not round.is_closed and (fixed or round.opens_at <= now),
                "results_url": reverse(url_name("round"), args=[round.pk]),
                "open_url": reverse(url_name("open_round"), args=[round.pk]),
                "close_url": reverse(url_name("close_round"), args=[round.pk]),
            }
        )
    return rows


class RoundsView(StudyPageMixin, TemplateView):
    """The study's rounds, what each may do next, and a form to add the next round."""

    template_name = "consensus/admin/rounds.html"
    page_title = _("Rounds and results")

    def get_context_data(self, form=None, **kwargs):
        rows = round_rows(self.study, timezone.now())
        return super().get_context_data(
            rows=rows,
            form=form or RoundForm(study=self.study),
            may_finish=bool(rows)
            and not self.study.is_finished
            and all(row["round"].is_closed for row in rows),
            finish_url=reverse(url_name("finish"), args=[self.study.pk]),
            has_results=any(row["round"].is_closed for row in rows),
            results_csv_url=reverse(url_name("results_csv"), args=[self.study.pk]),
            results_xlsx_url=reverse(url_name("results_xlsx"), args=[self.study.pk]),
            report_xlsx_url=reverse(url_name("report_xlsx"), args=[self.study.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = RoundForm(request.POST, study=self.study)
        if self.study.is_finished:
            messages.error(request, gettext("The study is finished: it takes no more rounds."))
            return redirect(reverse(url_name("rounds"), args=[self.study.pk]))
        if form.is_valid():
            round = form.save()
            messages.success(
                request,
                gettext("Round %(number)s added: it opens %(when)s.")
                % {"number": round.number, "when": when(round.opens_at)},
            )
            return redirect(reverse(url_name("rounds"), args=[self.study.pk]))
        messages.validation_error(request, gettext("The round was not added: see below."), form)
        return self.render_to_response(self.get_context_data(form=form))


class FinishStudyView(PostOnlyMixin, StudyPageMixin, View):
    """No more rounds: the study is finished (refused while a round is open or to come)."""

    page_title = _("Finish the study")

    def post(self, request, *args, **kwargs):
        try:
            rounds.finish(self.study)
        except rounds.RoundStillOpen:
            messages.error(
                request, gettext("Close or delete the rounds still to come before finishing.")
            )
        else:
            messages.success(request, gettext("The study is finished: no more rounds follow."))
        return redirect(reverse(url_name("rounds"), args=[self.study.pk]))


class RoundPageMixin(StudyPageMixin):
    model = Round
    parent_page = "rounds"

    def get_queryset(self):
        return Round.objects.select_related("study")

    def study_of(self, round):
        return round.study

    def rounds_url(self):
        return reverse(url_name("rounds"), args=[self.study.pk])

    def get_page_title(self):
        return self.page_title % {"number": self.object.number}


class OpenRoundView(PostOnlyMixin, RoundPageMixin, View):
    """Open the round now: its opening time brought forward to now if later, and its
    statements fixed as worded now."""

    page_title = _("Open round %(number)s")

    @transaction.atomic
    def post(self, request, *args, **kwargs):
        round = Round.objects.select_for_update().get(pk=self.object.pk)
        now = timezone.now()
        earlier_open = self.study.rounds.filter(
            number__lt=round.number, closed_at__isnull=True
        ).first()
        if round.is_closed or round.asked.exists():
            messages.warning(request, gettext("This round has opened already."))
        elif earlier_open is not None:
            messages.error(
                request,
                gettext("Close round %(number)s before opening this one.")
                % {"number": earlier_open.number},
            )
        elif round.closes_at <= now:
            messages.error(
                request,
                gettext("Its closing time has passed: add a round with new dates instead."),
            )
        elif not Statement.objects.filter(section__study=self.study, withdrawn=False).exists():
            messages.error(request, gettext("Add statements before opening a round."))
        else:
            if round.opens_at > now:
                round.opens_at = now
                round.save(update_fields=["opens_at"])
            asked = rounds.open_round(round)
            messages.success(
                request,
                gettext("Round %(number)s is open: it asks %(count)s statements.")
                % {"number": round.number, "count": len(asked)},
            )
        return redirect(self.rounds_url())


class CloseRoundView(RoundPageMixin, TemplateView):
    """GET: "are you sure?"; POST: close the round now and store its results."""

    template_name = "consensus/admin/confirm_close.html"
    page_title = _("Close round %(number)s")

    def refusal(self):
        round = self.object
        if round.is_closed:
            return gettext("This round is closed already.")
        if round.opens_at > timezone.now() and not round.asked.exists():
            return gettext("This round has not opened yet: there is nothing to close.")
        return None

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            messages.warning(request, refusal)
            return redirect(self.rounds_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            messages.warning(request, refusal)
            return redirect(self.rounds_url())
        round = self.object
        # Due but not yet fixed by the timer: fix it first, so that it has results.
        rounds.open_round(round)
        rounds.close_round(round)
        messages.success(
            request,
            gettext("Round %(number)s is closed and its results are worked out.")
            % {"number": round.number},
        )
        return redirect(reverse(url_name("round"), args=[round.pk]))


class RoundResultsView(RoundPageMixin, TemplateView):
    """One round's statements as it asked them, and once it closed, each one's result:
    counts, never who rated what, and the comments without names or ratings (only where
    the result is shown: a comment among a handful of raters could point to its writer)."""

    template_name = "consensus/admin/round.html"
    page_title = _("Round %(number)s")

    def get_context_data(self, **kwargs):
        asked = list(
            self.object.asked.select_related("statement__section").order_by(
                "statement__section__sort_order",
                "statement__section_id",
                "statement__sort_order",
                "statement_id",
            )
        )
        comments = {}
        if self.object.is_closed:
            for asked_id, comment in (
                Rating.objects.filter(
                    asked__in=[item for item in asked if item.shown],
                    participant__withdrawn_at__isnull=True,
                )
                .exclude(comment="")
                # In the words' order, so that nothing ties a comment to its writer.
                .order_by("comment")
                .values_list("asked_id", "comment")
            ):
                comments.setdefault(asked_id, []).append(comment)
        for item in asked:
            item.comments = comments.get(item.pk, [])
        return super().get_context_data(
            round=self.object,
            state=round_state(self.object),
            asked=asked,
            agreed=sum(1 for item in asked if item.consensus),
            min_raters=Study.MIN_RATERS,
            **kwargs,
        )


# Exports -------------------------------------------------------------------------------


def export_stem(study, what):
    return f"{study.slug}-{what}-{timezone.localdate():%Y-%m-%d}"


class ResultsExportView(StudyPageMixin, View):
    """Every closed round's results, one row per round and statement, as CSV or XLSX:
    counts and percentages only (none where fewer than `Study.MIN_RATERS` gave an
    opinion), never a name, a participant, a rating or a comment."""

    file_format = "csv"
    page_title = _("Results")

    def get(self, request, *args, **kwargs):
        header, rows = results.rounds_table(results.study_results(self.study))
        return table_response(
            header,
            rows,
            export_stem(self.study, "results"),
            self.file_format,
            sheet_title=gettext("Results"),
        )


class FinalReportExportView(StudyPageMixin, View):
    """The final report as an Excel workbook: the statements that reached consensus and
    in which round, those that did not (their last result), and every round's results."""

    page_title = _("Final report")

    def get(self, request, *args, **kwargs):
        sheets = results.final_report_sheets(results.study_results(self.study))
        return workbook_response(sheets, f"{export_stem(self.study, 'report')}.xlsx")
