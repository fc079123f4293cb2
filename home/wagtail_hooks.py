"""Admin registration for home: the Community impact report, in the admin's Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .impact import ImpactReportCSVView, ImpactReportView, can_read_reports


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_reports(request.user)


@hooks.register("register_admin_urls")
def register_impact_report_urls():
    urls = [
        path("", ImpactReportView.as_view(), name="report"),
        path("community-impact.csv", ImpactReportCSVView.as_view(), name="csv"),
    ]
    return [path("community-impact/", include((urls, "impact_report")))]


@hooks.register("register_reports_menu_item")
def register_impact_report_menu_item():
    return EditorsMenuItem(
        _("Community impact"),
        reverse("impact_report:report"),
        name="community-impact",
        icon_name="clipboard-list",
        order=50,
    )
