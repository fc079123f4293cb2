"""The report frame: editors-only admin views, spreadsheet-safe exports, and the Community
impact report, whose figures every app adds through a Wagtail hook (this imports none).

How an app exports a table
--------------------------
`table_response(header, rows, filename_stem, file_format)` answers a CSV ("csv") or Excel
("xlsx") download of one table; `workbook_response(sheets, filename)` an Excel file of
several. Text a spreadsheet would run as a formula is kept as text in both; the files are
marked private (they are about members and speakers), never cached.

How an app adds its figures
---------------------------
In the app's `wagtail_hooks.py`, register a function under the hook name
`register_impact_figures` (the `IMPACT_FIGURES_HOOK` constant). It takes no arguments and
returns a list of `Figure`::

    from wagtail import hooks

    from core.reports import IMPACT_FIGURES_HOOK, Figure

    @hooks.register(IMPACT_FIGURES_HOOK)
    def webinar_figures():
        return [
            Figure(
                key="webinars_held",
                label=_("Webinars held"),
                value=Webinar.objects.past().count(),
                help_text=_("Webinars that have taken place."),
                order=60,
            ),
        ]

Figures are shown in `order` (then label). Orders in use: members 10, resources 20 to 50,
webinars 60 to 79, forums 80 to 89, stories 90 to 99, consensus studies 100 to 109; the
narrative evaluation should use 110 to 119 and coaching 120 to 129. `key` is a stable name
for the CSV export (and for tests); it must be unique across apps. The function runs on
every view of the report, so keep it to a few counting queries.
"""

import csv
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

IMPACT_FIGURES_HOOK = "register_impact_figures"
VIEW_REPORTS = "core.view_reports"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    help_text: str = ""
    order: int = 100


def editors():
    """The editors to tell of something: whoever holds `core.view_reports` (asked of the
    permission, never of a group's name), active, with an email address."""
    app_label, codename = VIEW_REPORTS.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .filter(is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def can_read_reports(user):
    """Editors' reports (resource analytics, Community impact): whoever holds the
    `core.view_reports` permission (the core action group's editors) and superusers."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_REPORTS))


def collect_figures():
    """Every registered app's figures, in order."""
    figures = []
    for figures_for_app in hooks.get_hooks(IMPACT_FIGURES_HOOK):
        figures.extend(figures_for_app())
    return sorted(figures, key=lambda figure: (figure.order, str(figure.label)))


class EditorsMenuItem(MenuItem):
    """A Reports menu item shown only to people who may read reports."""

    def is_shown(self, request):
        return can_read_reports(request.user)


class EditorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_read_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImpactReportView(EditorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/impact_report.html"
    page_title = _("Community impact")
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=collect_figures(), csv_url=reverse("impact_report:csv"), **kwargs
        )


#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_FORMATS = ("csv", "xlsx")


def spreadsheet_safe(value):
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def private_attachment(response, filename):
    """`response` as a download called `filename`, kept out of shared caches."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _local(value):
    """An aware date and time as the UK wall-clock time (spreadsheets know no time zones)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def csv_cell(value):
    """`value` as CSV text: numbers as they are, times in UK time, text never a formula."""
    if value is None:
        return ""
    value = _local(value)
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return spreadsheet_safe(str(value))


def csv_response(header, rows, filename):
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response.write("\ufeff")  # a byte-order mark, so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([spreadsheet_safe(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return private_attachment(response, filename)


def add_sheet(workbook, title, header, rows):
    """A sheet of `rows` under a bold, frozen `header`; text cells are never formulas."""
    sheet = workbook.create_sheet(title=str(title)[:31])  # Excel's limit on sheet names
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in rows:
        sheet.append([_local(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((len(str(value)) for value in column if value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    return sheet


def workbook_response(sheets, filename):
    """An Excel file with one sheet per (title, header, rows) in `sheets`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        add_sheet(workbook, title, header, rows)
    out = BytesIO()
    workbook.save(out)
    return private_attachment(
        HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE), filename
    )


def table_response(header, rows, filename_stem, file_format, *, sheet_title=None):
    """One table as a download: `file_format` "csv" or "xlsx" (anything else: 404)."""
    if file_format == "csv":
        return csv_response(header, rows, f"{filename_stem}.csv")
    if file_format == "xlsx":
        sheet = (sheet_title or filename_stem, header, rows)
        return workbook_response([sheet], f"{filename_stem}.xlsx")
    raise Http404("No such file format.")


class ImpactReportCSVView(EditorsOnlyMixin, View):
    def get(self, request):
        rows = [[figure.label, figure.value, figure.help_text] for figure in collect_figures()]
        return table_response(
            [_("Figure"), _("Value"), _("About this figure")],
            rows,
            f"community-impact-{timezone.localdate():%Y-%m-%d}",
            "csv",
        )
