"""The resource analytics as files to download: CSV (one table) and Excel (every table).

Both are built from an `analytics.Report`, so they hold exactly the figures the dashboard
shows for the same dates. The files are written by core's report frame (`core.reports`):
text that a spreadsheet would run as a formula (a title such as "=HYPERLINK(...)" typed by
an editor) is kept as plain text, prefixed with an apostrophe in CSV, stored as a text cell
in Excel.
"""

from django.utils.translation import gettext as _

from core import reports
from core.reports import spreadsheet_safe

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


def csv_response(report, table="resources"):
    """The per-resource table as CSV, or the per-folder one with table="folders"."""
    if table == "folders":
        header, rows = folder_table(report)
        name = filename(report, "folder-analytics", "csv")
    else:
        header, rows = resource_table(report)
        name = filename(report, "resource-analytics", "csv")
    return reports.csv_response(header, rows, name)


def xlsx_response(report):
    """A workbook with sheets Resources, Folders, Over time and Summary."""
    sheets = [
        (_("Resources"), *resource_table(report)),
        (_("Folders"), *folder_table(report)),
        (_("Over time"), *over_time_table(report)),
        (_("Summary"), *summary_table(report)),
    ]
    return reports.workbook_response(sheets, filename(report, "resource-analytics", "xlsx"))
