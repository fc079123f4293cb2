"""The resource analytics as files to download: CSV (one table) and Excel (every table).

Both are built from an `analytics.Report`, so they hold exactly the figures the dashboard
shows for the same dates. Text that a spreadsheet would run as a formula (a title such as
"=HYPERLINK(...)" typed by an editor) is kept as plain text: prefixed with an apostrophe in
CSV, stored as a text cell in Excel.
"""

import csv
from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.reports import spreadsheet_safe

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: `value` as a cell a spreadsheet will not run: "=1+1" becomes "'=1+1".
csv_safe = spreadsheet_safe


def resource_table(report):
    header = [_("Resource"), _("Subject folder"), _("Downloads"), _("Previews"), _("Members")]
    rows = [
        [row.title, row.folder, row.downloads, row.previews, row.members]
        for row in report.resources
    ]
    return header, rows


def folder_table(report):
    header = [_("Subject folder"), _("Downloads"), _("Previews"), _("Members")]
    rows = [[row.title, row.downloads, row.previews, row.members] for row in report.folders]
    return header, rows


def over_time_table(report):
    period = _("Day") if report.bucket == "day" else _("Month starting")
    header = [period, _("Downloads"), _("Previews")]
    rows = [[bucket.start, bucket.downloads, bucket.previews] for bucket in report.over_time]
    return header, rows


def summary_table(report):
    date_range, totals = report.date_range, report.totals
    header = [_("Figure"), _("Value")]
    rows = [
        [_("From"), date_range.start],
        [_("To"), date_range.end],
        [_("Downloads"), totals.downloads],
        [_("Previews"), totals.previews],
        [_("Members who previewed or downloaded"), totals.members],
    ]
    return header, rows


def filename(report, name, extension):
    date_range = report.date_range
    return f"{name}-{date_range.start:%Y-%m-%d}-to-{date_range.end:%Y-%m-%d}.{extension}"


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Figures about members' use: keep them out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(report, table="resources"):
    """The per-resource table as CSV, or the per-folder one with table="folders"."""
    if table == "folders":
        header, rows = folder_table(report)
        name = filename(report, "folder-analytics", "csv")
    else:
        header, rows = resource_table(report)
        name = filename(report, "resource-analytics", "csv")
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response.write("\ufeff")  # a byte-order mark, so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return _attachment(response, name)


def _add_sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title=title)
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
            elif hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((len(str(value)) for value in column if value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    return sheet


def xlsx_response(report):
    """A workbook with sheets Resources, Folders, Over time and Summary."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _add_sheet(workbook, _("Resources"), *resource_table(report))
    _add_sheet(workbook, _("Folders"), *folder_table(report))
    _add_sheet(workbook, _("Over time"), *over_time_table(report))
    _add_sheet(workbook, _("Summary"), *summary_table(report))
    out = BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename(report, "resource-analytics", "xlsx"))
