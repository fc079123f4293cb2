"""The forums' views outside the page tree: one-click unsubscribe from forum emails.

The link in every forum email (and its `List-Unsubscribe` header) carries the member's
unguessable token, so it works without signing in. A GET only asks (mail scanners open
links); a POST turns forum emails off. A mail client's one-click POST (RFC 8058, body
`List-Unsubscribe=One-Click`) has no CSRF token, so the view is exempt: the token is the
proof, and all it can do is stop that one member's forum emails. The page never says whose
the token is.
"""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from .models import ForumIndexPage, NotificationPreference

METHODS = ("GET", "HEAD", "POST")


def _private(response):
    """No copy kept anywhere, no search engine, and the token goes to no other site."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def preferences_url():
    """The member's forum email settings (they sign in to open it), or "" without forums."""
    forums = ForumIndexPage.objects.live().first()
    if forums is None or not forums.url:
        return ""
    return forums.url + forums.reverse_subpage("notifications")


@csrf_exempt
def unsubscribe(request, token):
    if request.method not in METHODS:
        return HttpResponseNotAllowed(METHODS)
    preference = NotificationPreference.objects.filter(unsubscribe_token=token).first()
    if preference is None:
        response = TemplateResponse(request, "forums/unsubscribe_unknown.html", status=404)
        return _private(response)
    done = request.method == "POST"
    if done:
        # Only this member's row, only this one field.
        NotificationPreference.objects.filter(pk=preference.pk).update(
            frequency=NotificationPreference.Frequency.NEVER
        )
    response = TemplateResponse(
        request,
        "forums/unsubscribe.html",
        {"done": done, "preferences_url": preferences_url(), "action_url": request.path},
    )
    return _private(response)
