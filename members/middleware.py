"""Moderators and editors set up two-factor authentication before any admin page opens.

Signed-in people who may not use an admin get a plain "no access" page (403) here: both
admins would otherwise send them to the sign-in page, which sends signed-in people straight
back, round and round.

Wagtail's admin is opened by the `wagtailadmin.access_admin` permission, not `is_staff`, so
the rule looks at the person's roles (Moderators, Core action group editors), that
permission, and the staff and superuser flags. Only the admin prefixes are guarded: the
sign-in, sign-out, two-factor set-up pages and static files sit outside them.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from . import roles

#: Where to send the person once their authenticator app is set up.
RETURN_TO_SESSION_KEY = "members_after_two_factor"


def admin_prefixes():
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


def unguarded_paths():
    """Admin URLs that must answer without a second factor: signing in and out."""
    return {
        reverse("wagtailadmin_login_redirect"),
        reverse("djangoadmin_login_redirect"),
        reverse("wagtailadmin_logout"),
        reverse("admin:logout"),
    }


def has_authenticator_app(user):
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            not path.startswith(admin_prefixes())
            or path in unguarded_paths()
            or not request.user.is_authenticated
        ):
            return self.get_response(request)
        wagtail_admin, django_admin = admin_prefixes()
        allowed = (
            roles.can_open_django_admin(request.user)
            if path.startswith(django_admin)
            else roles.can_open_wagtail_admin(request.user)
        )
        if not allowed:
            return render(request, "members/admin_forbidden.html", status=403)
        if (
            settings.COA_REQUIRE_STAFF_MFA
            and roles.works_in_admin(request.user)
            and not has_authenticator_app(request.user)
        ):
            if request.method == "GET":
                request.session[RETURN_TO_SESSION_KEY] = request.get_full_path()
            messages.info(
                request,
                _(
                    "Before you open the admin, set up an authenticator app on your phone. "
                    "It keeps members' details safe if your password is ever guessed."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
