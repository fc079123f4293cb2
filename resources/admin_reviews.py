"""Resources due for review: a Wagtail admin report of live resources whose review date has
passed, so editors can check them (readers see such a resource as "under review").

Registered in `wagtail_hooks.py` under Reports; editors only (`core.reports`). One query for
the rows, whatever their number: each resource's folder title comes in the same query. A
translation is listed through its source page only, as its dates follow the source. CSV and
Excel exports are Wagtail's, with every text cell made spreadsheet-safe.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page

from core.reports import EditorsOnlyMixin, spreadsheet_safe

from .models import ResourcePage


def readable_date(value):
    return date_format(value, "j F Y") if value else ""


def overdue_resources():
    """Live resources past their review date, the longest overdue first, with `folder_title`."""
    default_locale = Locale.get_default()
    source_in_default_locale = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=default_locale
    )
    folder_title = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ResourcePage.steplen)
    ).values("title")[:1]
    return (
        ResourcePage.objects.live()
        .due_for_review()
        .exclude(~Q(locale=default_locale), Exists(source_in_default_locale))
        .defer_streamfields()
        .annotate(folder_title=Subquery(folder_title))
        .order_by("review_date", "title", "pk")
    )


class OverdueReviewsView(EditorsOnlyMixin, ReportView):
    page_title = _("Resources due for review")
    header_icon = "time"
    index_url_name = "resources_reviews:report"
    index_results_url_name = "resources_reviews:results"
    paginate_by = 50
    export_filename = "resources-due-for-review"
    list_export = ["title", "folder_title", "review_date", "last_published_at"]
    export_headings = {
        "title": _("Resource"),
        "folder_title": _("Subject folder"),
        "review_date": _("Review date"),
        "last_published_at": _("Last published"),
    }
    custom_field_preprocess = {
        "title": {ReportView.FORMAT_CSV: spreadsheet_safe},
        "folder_title": {ReportView.FORMAT_CSV: spreadsheet_safe},
        "review_date": {ReportView.FORMAT_CSV: lambda value: value.isoformat()},
    }
    columns = [
        TitleColumn("title", label=_("Resource"), url_name="wagtailadmin_pages:edit"),
        Column("folder_title", label=_("Subject folder")),
        Column(
            "review_date",
            label=_("Review date"),
            accessor=lambda page: readable_date(page.review_date),
        ),
        DateColumn("last_published_at", label=_("Last published")),
    ]

    def get_queryset(self):
        return overdue_resources()

    @property
    def no_results_message(self):
        return _("Every live resource is within its review date.")
