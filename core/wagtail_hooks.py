"""Admin registration for core: the access policy on Wagtail's document URL and expired
pages, and the Community impact report in the Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import access
from .reports import EditorsMenuItem, ImpactReportCSVView, ImpactReportView


@hooks.register("before_serve_document", order=50)
def apply_the_access_policy(document, request):
    """Wagtail's /documents/ URL answers only what the strictest live page using the
    document allows (after Wagtail's own collection privacy check, order 0)."""
    verdict = access.document_verdict(request, document)
    if not verdict.allowed:
        return access.refusal(request, verdict)
    return None


@hooks.register("before_serve_page")
def not_found_once_expired(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone, even before the expiry job unpublishes it."""
    if not access.is_live_now(page):
        return access.refusal(request, access.Verdict.NOT_FOUND)
    return None


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
