"""The "Learning from stories" report in the Wagtail admin: the page of counts, the counts
as CSV or Excel, and the export for evaluation (registered in `wagtail_hooks.py`).

Only people who may read the editors' reports open them (`core.reports.EditorsOnlyMixin`);
Wagtail turns a moderator away with a message, and members never reach the admin. The
figures, and what is hidden of them, come from `report.py`.
"""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.reports import EditorsOnlyMixin, table_response, workbook_response

from . import report


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[(choice.name, choice.label) for choice in report.PERIODS.values()],
    )


def period_from(request):
    return report.period_or_default(request.GET.get("period", ""))


class StoriesReportView(EditorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "stories/admin/report.html"
    page_title = _("Learning from stories")
    header_icon = "openquote"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        period = period_from(self.request)
        counts = report.count_stories(period)
        query = "?" + urlencode({"period": period})
        return super().get_context_data(
            form=PeriodForm(initial={"period": period}),
            counts=counts,
            small_number=report.SMALL_NUMBER,
            tables=[
                {
                    "table": table,
                    "csv_url": reverse("stories_report:counts_csv")
                    + "?"
                    + urlencode({"period": period, "table": table.key}),
                }
                for table in counts.tables
            ],
            downloads={
                "xlsx": reverse("stories_report:counts_xlsx") + query,
                "evaluation_csv": reverse("stories_report:evaluation_csv"),
                "evaluation_xlsx": reverse("stories_report:evaluation_xlsx"),
            },
            **kwargs,
        )


class CountsExportView(EditorsOnlyMixin, View):
    """The report's tables, small numbers hidden: one (`?table=`) as CSV, or all as Excel."""

    file_format = "csv"

    def get(self, request):
        period = period_from(request)
        counts = report.count_stories(period)
        stem = f"learning-from-stories-{period}-{timezone.localdate():%Y-%m-%d}"
        if self.file_format == "xlsx":
            sheets = [
                (table.title, table.header(counts.periods), table.shown_rows())
                for table in counts.tables
            ]
            sheets.append((gettext("About these figures"), [gettext("About")], about_rows()))
            return workbook_response(sheets, f"{stem}.xlsx")
        key = request.GET.get("table", "")
        if key not in {table.key for table in counts.tables}:
            key = "theme"
        table = counts.table(key)
        return table_response(
            table.header(counts.periods), table.shown_rows(), f"{stem}-{key}", "csv"
        )


def about_rows():
    return [
        [
            gettext(
                "Stories published on the site and not retracted, counted once each (not "
                "again for a translation), by when they were first published (UK time)."
            )
        ],
        [
            gettext(
                "Any number from 1 to 4 is shown as “fewer than 5”, so that a small group "
                "of stories, and the people who told them, cannot be picked out."
            )
        ],
        [gettext("Counted on %(day)s.") % {"day": timezone.localdate().isoformat()}],
    ]


class EvaluationExportView(EditorsOnlyMixin, View):
    """One row per published story, with no names, titles or words of any story."""

    file_format = "csv"

    def get(self, request):
        return table_response(
            [str(heading) for heading in report.EVALUATION_HEADER],
            report.evaluation_rows(),
            f"stories-for-evaluation-{timezone.localdate():%Y-%m-%d}",
            self.file_format,
            sheet_title=gettext("Stories"),
        )
