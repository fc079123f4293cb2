"""Guards every request passes: clean query strings, security headers, idle sign-out.

- `StripControlCharactersMiddleware`: a NUL byte or other control character in a query string
  reaches no view (databases refuse NUL in a query, so `?q=%00` would be a 500), and an address
  with one in its path is not found. Form posts are left to the forms: Django's fields reject
  NUL with a message the person can act on.
- `ContentSecurityPolicyMiddleware`: django-csp's middleware, with the Wagtail and Django
  admins given their own, looser policy (`COA_ADMIN_CONTENT_SECURITY_POLICY`): they use inline
  scripts and styles, and the page preview frames the site inside the admin.
- `PermissionsPolicyMiddleware`: no page may use the camera, microphone, location, payments or
  USB devices, nor join interest-based advertising (`browsing-topics`, which replaced FLoC's
  `interest-cohort`).
- `SessionIdleTimeoutMiddleware`: a sign-in that ends with the browser (the member did not tick
  "Keep me signed in on this device") also ends after `COA_SESSION_IDLE_HOURS` without a
  request, for the shared computer whose browser is never closed.
"""

import re
import time
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

#: C0 controls, DEL and C1 controls: none belongs in a link or a search.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
)

#: When the session last saw a request from its signed-in member (seconds since the epoch).
LAST_ACTIVITY_SESSION_KEY = "coa_last_activity"
#: Activity is noted at most this often, so a browsing member does not rewrite the session on
#: every request.
ACTIVITY_RESOLUTION_SECONDS = 60


def without_control_characters(query):
    """A copy of a QueryDict with control characters removed from every key and value."""
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        for value in values:
            cleaned.appendlist(CONTROL_CHARACTERS.sub("", key), CONTROL_CHARACTERS.sub("", value))
    cleaned._mutable = False
    return cleaned


def has_control_characters(query):
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in query.lists()
    )


class StripControlCharactersMiddleware:
    """Removes control characters from the query string; a path holding one is not found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            # No page's address holds one, and PostgreSQL refuses NUL in the page lookup.
            raise Http404
        if has_control_characters(request.GET):
            request.GET = without_control_characters(request.GET)
            # Views that copy the query string into links see the cleaned one too.
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy everywhere but the admins, which get `COA_ADMIN_CONTENT_SECURITY_POLICY`.

    A view's own `csp_override` / `csp_replace` / `csp_update` decorators still apply on top.
    """

    @cached_property
    def admin_prefixes(self):
        return (reverse("wagtailadmin_home"), reverse("admin:index"))

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_prefixes)
        ):
            admin_policy = settings.COA_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            return PolicyParts(
                default_config(admin_policy), parts.update, parts.replace, parts.nonce
            )
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SessionIdleTimeoutMiddleware:
    """Signs out a browser-session sign-in after `COA_SESSION_IDLE_HOURS` without a request.

    Remembered sign-ins ("Keep me signed in on this device") last SESSION_COOKIE_AGE instead.
    Needs the session, authentication and messages middleware before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = int(time.time())
        if self.idle_too_long(request, now):
            logout(request)
            messages.info(
                request,
                _(
                    "You were signed out because the site was not used for a while. "
                    "Sign in again to carry on."
                ),
            )
        response = self.get_response(request)
        # After the view, so the request that signs someone in starts their clock.
        self.note_activity(request, now)
        return response

    @staticmethod
    def applies_to(request):
        return request.user.is_authenticated and request.session.get_expire_at_browser_close()

    def idle_too_long(self, request, now):
        if not self.applies_to(request):
            return False
        last_activity = request.session.get(LAST_ACTIVITY_SESSION_KEY, now)
        return now - last_activity > settings.COA_SESSION_IDLE_HOURS * 60 * 60

    def note_activity(self, request, now):
        if not hasattr(request, "user") or not self.applies_to(request):
            return
        last_activity = request.session.get(LAST_ACTIVITY_SESSION_KEY, 0)
        if now - last_activity >= ACTIVITY_RESOLUTION_SECONDS:
            request.session[LAST_ACTIVITY_SESSION_KEY] = now
