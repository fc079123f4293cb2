"""Admin registration for the resource library: analytics, impact figures, document serving."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.impact import IMPACT_FIGURES_HOOK, Figure

from . import analytics
from .admin_views import AnalyticsDashboardView, AnalyticsExportView, can_view_analytics

# Analytics -----------------------------------------------------------------------------


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_analytics(request.user)


@hooks.register("register_admin_urls")
def register_analytics_urls():
    urls = [
        path("", AnalyticsDashboardView.as_view(), name="dashboard"),
        path("export/csv/", AnalyticsExportView.as_view(file_format="csv"), name="csv"),
        path("export/xlsx/", AnalyticsExportView.as_view(file_format="xlsx"), name="xlsx"),
    ]
    return [path("resource-analytics/", include((urls, "resources_analytics")))]


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Resource analytics"),
        reverse("resources_analytics:dashboard"),
        name="resource-analytics",
        icon_name="table",
        order=260,
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
def serve_library_documents_through_the_access_rule(document, request):
    """Wagtail's /documents/ URL for a document a resource uses: the library's rule, counted.

    Runs after Wagtail's own collection privacy check (order 100). Returns the response
    (the counted file or a refusal) itself, so Wagtail never sends an uncounted copy; the
    serving function sends `document_served` for the files it sends. Documents no resource
    uses are left to Wagtail.
    """
    from . import serving

    return serving.serve_wagtail_document(request, document)
