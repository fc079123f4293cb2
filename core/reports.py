"""The report frame: editors-only admin views, spreadsheet-safe exports, and the Community
impact report, whose figures every app adds through a Wagtail hook (this imports none).

How an app adds its figures
---------------------------
In the app's `wagtail_hooks.py`, register a function under the hook name
`register_impact_figures` (the `IMPACT_FIGURES_HOOK` constant). It takes no arguments and
returns a list of `Figure`::

    from wagtail import hooks
from wagtail.admin.menu import MenuItem

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

Figures are shown in `order` (then label). Orders in use: members 10, resources 20 to 50;
webinars should use 60 to 79 and forums 80 to 99. `key` is a stable name for the CSV
export (and for tests); it must be unique across apps. The function runs on every view of
the report, so keep it to a few counting queries.
"""

import csv
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

IMPACT_FIGURES_HOOK = "register_impact_figures"
VIEW_REPORTS = "core.view_reports"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    help_text: str = ""
    order: int = 100


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


def spreadsheet_safe(value):
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class ImpactReportCSVView(EditorsOnlyMixin, View):
    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="community-impact-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")  # so Excel reads the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Figure"), _("Value"), _("About this figure")])
        for figure in collect_figures():
            writer.writerow(
                [
                    spreadsheet_safe(str(figure.label)),
                    figure.value,
                    spreadsheet_safe(str(figure.help_text)),
                ]
            )
        return response
