"""Moderators and editors set up two-factor authentication before any admin page opens."""

from django.conf import settings
from django.shortcuts import redirect

from allauth.mfa.utils import is_mfa_enabled

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.COA_REQUIRE_STAFF_MFA
            and request.path.startswith(ADMIN_PREFIXES)
            and request.user.is_authenticated
            and request.user.is_staff
            and not is_mfa_enabled(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
