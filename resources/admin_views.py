"""Resource analytics in the Wagtail admin: the dashboard and its CSV and Excel exports.

Registered in `wagtail_hooks.py`. Only the core action group's editors and superusers may
open them (`can_view_analytics`); moderators are turned away by Wagtail with a message,
members never reach the admin at all. The figures come from `analytics.py`, the files from
`exports.py`; the chart is an inline SVG drawn here, with the same figures in a table.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.reports import EditorsOnlyMixin, can_read_reports

from . import analytics, exports

#: Dates before this are refused: nothing was recorded then, and a typo such as 0025 would
#: otherwise ask for two thousand years of months.
EARLIEST_DATE = date(2000, 1, 1)
RESOURCES_PER_PAGE = 50


def can_view_analytics(user):
    """Editors (Core action group editors) and superusers; not moderators or members."""
    return can_read_reports(user)


# Date ranges ---------------------------------------------------------------------------


def last_full_quarter(today):
    """The calendar quarter before the one `today` is in (January to March, and so on)."""
    first_of_this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first_of_this_quarter - timedelta(days=1)
    return end.replace(month=end.month - 2, day=1), end


def months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    return date(month_index // 12, month_index % 12 + 1, 1)


def preset_range(name, today):
    if name == "30d":
        return analytics.DateRange(today - timedelta(days=29), today)
    if name == "quarter":
        return analytics.DateRange(*last_full_quarter(today))
    if name == "12m":
        # This month so far and the eleven whole months before it.
        return analytics.DateRange(months_before(today, 11), today)
    first = analytics.first_event_date()
    return analytics.DateRange(min(first or today, today), today)


PRESETS = [
    ("30d", _("Last 30 days")),
    ("quarter", _("Last quarter")),
    ("12m", _("Last 12 months")),
    ("all", _("All time")),
]
DEFAULT_PRESET = "12m"


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the first day to count from."),
            "invalid": _("Enter the first day as a date, for example 2025-03-01."),
        },
    )
    end = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the last day to count."),
            "invalid": _("Enter the last day as a date, for example 2025-05-31."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        today = analytics.today()
        if start and start < EARLIEST_DATE:
            self.add_error("start", _("Choose a day from 1 January 2000 onwards."))
        if end and end > today + timedelta(days=366):
            self.add_error("end", _("Choose a day no more than a year from today."))
        if start and end and end < start:
            self.add_error("end", _("The last day must be the same as or after the first day."))
        return cleaned

    def date_range(self):
        return analytics.DateRange(self.cleaned_data["start"], self.cleaned_data["end"])


def range_from_request(request):
    """(form, date range or None, preset name or None) from the query string.

    Dates typed in the form win; else a preset named by `period` (allow-listed); else the
    default preset. An invalid form gives no range: the page shows the form with its errors.
    """
    if "start" in request.GET or "end" in request.GET:
        form = DateRangeForm(request.GET)
        if form.is_valid():
            return form, form.date_range(), None
        return form, None, None
    preset = request.GET.get("period")
    if preset not in dict(PRESETS):
        preset = DEFAULT_PRESET
    date_range = preset_range(preset, analytics.today())
    form = DateRangeForm(initial={"start": date_range.start, "end": date_range.end})
    return form, date_range, preset


def range_query(date_range, **extra):
    return urlencode(
        {"start": date_range.start.isoformat(), "end": date_range.end.isoformat(), **extra}
    )


# The chart -----------------------------------------------------------------------------


def nice_scale(largest, max_ticks=5):
    """(top, step) for a y axis from 0 that fits `largest` in at most `max_ticks` steps of
    1, 2 or 5 times a power of ten."""
    largest = max(largest, 1)
    magnitude = 10 ** math.floor(math.log10(largest))
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = max(int(factor * magnitude), 1)
        if math.ceil(largest / step) <= max_ticks:
            return step * math.ceil(largest / step), step
    return largest, largest  # not reached: 10 * magnitude always fits


@dataclass
class Chart:
    """Geometry of a line chart of downloads and previews per bucket, for the SVG template."""

    buckets: list
    bucket: str
    width: int = 760
    height: int = 300
    left: int = 56
    right: int = 16
    top: int = 20
    bottom: int = 56
    max_labels: int = 8
    max_markers: int = 40

    def __post_init__(self):
        largest = max((max(b.downloads, b.previews) for b in self.buckets), default=0)
        self.y_max, self.y_step = nice_scale(largest)

    @property
    def plot_bottom(self):
        return self.height - self.bottom

    @property
    def plot_right(self):
        return self.width - self.right

    def x(self, index):
        span = self.plot_right - self.left
        if len(self.buckets) == 1:
            return round(self.left + span / 2, 1)
        return round(self.left + index * span / (len(self.buckets) - 1), 1)

    def y(self, value):
        return round(self.plot_bottom - value * (self.plot_bottom - self.top) / self.y_max, 1)

    def label(self, day):
        return date_format(day, "j M" if self.bucket == "day" else "M Y")

    def y_ticks(self):
        return [
            {"y": self.y(value), "label": value} for value in range(0, self.y_max + 1, self.y_step)
        ]

    def x_labels(self):
        every = max(math.ceil(len(self.buckets) / self.max_labels), 1)
        return [
            {"x": self.x(i), "label": self.label(bucket.start)}
            for i, bucket in enumerate(self.buckets)
            if i % every == 0
        ]

    def points(self, kind):
        return " ".join(
            f"{self.x(i)},{self.y(getattr(bucket, kind))}" for i, bucket in enumerate(self.buckets)
        )

    @property
    def points_downloads(self):
        return self.points("downloads")

    @property
    def points_previews(self):
        return self.points("previews")

    def markers(self):
        """A dot per download figure and a square per preview figure, unless too crowded."""
        if len(self.buckets) > self.max_markers:
            return []
        return [
            {
                "x": self.x(i),
                "downloads": self.y(b.downloads),
                "square_x": round(self.x(i) - 3, 1),
                "square_y": round(self.y(b.previews) - 3, 1),
            }
            for i, b in enumerate(self.buckets)
        ]

    def description(self, date_range):
        busiest = max(self.buckets, key=lambda b: (b.downloads, b.previews), default=None)
        values = {
            "start": date_format(date_range.start, "j F Y"),
            "end": date_format(date_range.end, "j F Y"),
            "downloads": sum(b.downloads for b in self.buckets),
            "previews": sum(b.previews for b in self.buckets),
        }
        if self.bucket == "day":
            text = gettext(
                "Downloads (solid line) and previews (dashed line) each day from %(start)s "
                "to %(end)s. Total downloads: %(downloads)s. Total previews: %(previews)s."
            )
        else:
            text = gettext(
                "Downloads (solid line) and previews (dashed line) each month from %(start)s "
                "to %(end)s. Total downloads: %(downloads)s. Total previews: %(previews)s."
            )
        text %= values
        if busiest and busiest.downloads:
            if self.bucket == "day":
                most = gettext("Most downloads in a day: %(count)s, on %(when)s.")
            else:
                most = gettext("Most downloads in a month: %(count)s, in %(when)s.")
            text += " " + most % {
                "count": busiest.downloads,
                "when": date_format(busiest.start, "j F Y" if self.bucket == "day" else "F Y"),
            }
        return text + " " + gettext("The table after the chart has every figure.")


# Views ---------------------------------------------------------------------------------

SORTS = {
    "title": lambda row: (row.title.casefold(),),
    "folder": lambda row: (row.folder.casefold(), row.title.casefold()),
    "downloads": lambda row: (row.downloads, row.previews),
    "previews": lambda row: (row.previews, row.downloads),
    "members": lambda row: (row.members, row.downloads),
}
DEFAULT_SORT = "-downloads"


def sort_resources(rows, sort):
    """`rows` sorted by an allow-listed key ("title", "-downloads"...); unknown: default."""
    if sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    key = SORTS[sort.lstrip("-")]
    # Ties keep alphabetical order whichever way the main key runs.
    rows = sorted(rows, key=lambda row: row.title.casefold())
    return sorted(rows, key=key, reverse=sort.startswith("-")), sort


class AnalyticsDashboardView(EditorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/admin/analytics_dashboard.html"
    page_title = _("Resource analytics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        form, date_range, preset = range_from_request(self.request)
        context = super().get_context_data(
            form=form,
            preset=preset,
            presets=[
                {"name": name, "label": label, "url": "?" + urlencode({"period": name})}
                for name, label in PRESETS
            ],
            **kwargs,
        )
        if date_range is None:
            return context
        report = analytics.report(date_range)
        rows, sort = sort_resources(report.resources, self.request.GET.get("sort", ""))
        chart = Chart(report.over_time, report.bucket)
        context.update(
            report=report,
            date_range=date_range,
            chart=chart,
            chart_description=chart.description(date_range),
            resources_page=Paginator(rows, RESOURCES_PER_PAGE).get_page(
                self.request.GET.get("page")
            ),
            sort=sort,
            sort_links=self.sort_links(date_range, sort),
            range_query=range_query(date_range),
            range_query_sorted=range_query(date_range, sort=sort),
            exports={
                "resources_csv": reverse("resources_analytics:csv")
                + "?"
                + range_query(date_range),
                "folders_csv": reverse("resources_analytics:csv")
                + "?"
                + range_query(date_range, table="folders"),
                "xlsx": reverse("resources_analytics:xlsx") + "?" + range_query(date_range),
            },
        )
        return context

    def sort_links(self, date_range, current):
        """For each column: the URL that sorts by it (numbers most first, text A to Z; the
        current column's link reverses it) and its aria-sort value."""
        links = {}
        for name in SORTS:
            first = name if name in ("title", "folder") else "-" + name
            if current.lstrip("-") == name:
                target = name if current.startswith("-") else "-" + name
                state = "descending" if current.startswith("-") else "ascending"
            else:
                target, state = first, ""
            links[name] = {"url": "?" + range_query(date_range, sort=target), "aria_sort": state}
        return links


class AnalyticsExportView(EditorsOnlyMixin, View):
    file_format = "csv"

    def get(self, request):
        form, date_range, _preset = range_from_request(request)
        if date_range is None:
            # Show the form with what to fix rather than an empty file.
            return redirect(
                reverse("resources_analytics:dashboard") + "?" + request.GET.urlencode()
            )
        report = analytics.report(date_range)
        if self.file_format == "xlsx":
            return exports.xlsx_response(report)
        table = "folders" if request.GET.get("table") == "folders" else "resources"
        return exports.csv_response(report, table=table)
