"""Admin registration for the resource library: analytics, the report of resources due for
review, impact figures, document serving."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from core import access, serving
from core.reports import IMPACT_FIGURES_HOOK, EditorsMenuItem, Figure

from . import analytics
from .admin_reviews import OverdueReviewsView
from .admin_views import AnalyticsDashboardView, AnalyticsExportView
from .models import ResourcePage

# Analytics -----------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_analytics_urls():
    urls = [
        path("", AnalyticsDashboardView.as_view(), name="dashboard"),
        path("export/csv/", AnalyticsExportView.as_view(file_format="csv"), name="csv"),
        path("export/xlsx/", AnalyticsExportView.as_view(file_format="xlsx"), name="xlsx"),
    ]
    return [path("resource-analytics/", include((urls, "resources_analytics")))]


@hooks.register("register_reports_menu_item")
def register_analytics_menu_item():
    """In the Reports menu, just after Community impact (core's, order 50)."""
    return EditorsMenuItem(
        _("Resource analytics"),
        reverse("resources_analytics:dashboard"),
        name="resource-analytics",
        icon_name="table",
        order=60,
    )


# Resources due for review ---------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_review_report_urls():
    urls = [
        path("", OverdueReviewsView.as_view(), name="report"),
        path("results/", OverdueReviewsView.as_view(results_only=True), name="results"),
    ]
    return [path("resources-due-for-review/", include((urls, "resources_reviews")))]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    """In the Reports menu, after Resource analytics."""
    return EditorsMenuItem(
        _("Resources due for review"),
        reverse("resources_reviews:report"),
        name="resources-due-for-review",
        icon_name="time",
        order=70,
    )


@hooks.register(IMPACT_FIGURES_HOOK)
def resource_impact_figures():
    figures = analytics.library_figures()
    return [
        Figure(
            key="documents_and_media",
            label=_("Documents and media"),
            value=figures["resources"],
            help_text=_("Published resources with a document to open or a video or audio link."),
            order=20,
        ),
        Figure(
            key="subject_folders",
            label=_("Subject folders"),
            value=figures["folders"],
            help_text=_("Published folders in the resource library."),
            order=30,
        ),
        Figure(
            key="downloads",
            label=_("Downloads"),
            value=figures["downloads"],
            help_text=_("Every time a resource's file was sent to someone, since the start."),
            order=40,
        ),
        Figure(
            key="previews",
            label=_("Previews"),
            value=figures["previews"],
            help_text=_("Every time someone opened a resource's preview, since the start."),
            order=50,
        ),
    ]


# Serving documents ---------------------------------------------------------------------


@hooks.register("before_serve_document", order=100)
def count_library_downloads(document, request):
    """Wagtail's /documents/ URL for a document a live resource uses: sent and counted here.

    Runs after core's access hook, which has already refused anyone the strictest live page
    using the document would refuse. Returns the counted file itself, so Wagtail never sends
    an uncounted copy; documents no live resource uses are left to Wagtail.
    """
    for page in access.document_users(request, document):
        if isinstance(page, ResourcePage):
            return page.serve_file(request, document, response_class=serving.HookFileResponse)
    return None
