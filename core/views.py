"""Core's own pages: what someone sees when a form they sent could not be accepted.

CSRF_FAILURE_VIEW points here. The usual cause is harmless (a page left open for hours, a
sign-in in another tab), so the page says so plainly and offers a way back to the form. It
never shows what was sent: that could be a password.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request, reason=""):
    """Django's CSRF check refused a form: explain, and link back to the page it came from."""
    return render(
        request,
        "403_csrf.html",
        {"form_url": same_site_referer(request)},
        status=403,
    )


def same_site_referer(request):
    """The page the form was on, when the browser told us and it is one of ours; else ""."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""
