"""The public coaching pages: the request form (/coaching/) with its emails and thank-you
page, and the feedback form an organisation reaches through the link emailed when its
coaching is completed (/coaching/feedback/<token>/).

Anyone may ask for coaching, signed in or not; a signed-in member's name and email are filled
in for them and the request remembers who sent it. Sending is limited per client address
with allauth's rate limits (the mechanism the sign-in form uses). The thank-you page shows
only the references this browser's session sent, so nobody can read another's.

The feedback form needs no sign-in: its unguessable token stands for the organisation, so
its pages are never kept by a cache or a shared browser, and a second visit shows nothing
of the answers given.
"""

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from allauth.core.internal import ratelimit

from core import access
from core.emails import absolute_url, send_templated_email
from core.reports import editors

from .forms import FeedbackForm, RequestForm
from .models import CoachingRequest, Feedback

#: The references this browser's session has sent, the latest last (a few at most).
SENT_KEY = "coaching_sent"
SENT_KEPT = 5
#: Requests one client address may send, in allauth's rate notation (amount/period/per).
RATE_LIMITS = {"request": "5/1h/key"}
#: We say when we will reply, in the page and the email.
REPLY_WITHIN_WEEKS = 2
#: The admin page an editor works a request on (coaching.admin_views' viewset).
ADMIN_EDIT_URL_NAME = "coaching_requests:edit"


# Asking for coaching ---------------------------------------------------------------------


def may_send(request):
    """Count one request from this client address; False once it has sent RATE_LIMITS'
    amount in the period. The address is only ever kept hashed, in the cache."""
    usage = ratelimit.consume(
        request,
        app="coaching",
        action="request",
        config=RATE_LIMITS,
        key=ratelimit.get_ip(request),
    )
    return usage is not None


def prefilled(user):
    if not user.is_authenticated:
        return {}
    return {"contact_name": user.get_full_name(), "contact_email": user.email}


def request_form(request):
    initial = prefilled(request.user)
    if initial or request.method == "POST":
        access.mark_private(request)  # it shows someone's own details
    status = 200
    if request.method == "POST":
        form = RequestForm(request.POST, initial=initial)
        if form.is_valid():
            if form.is_from_a_robot():
                return redirect("coaching:thanks")  # nothing kept, nothing sent
            if may_send(request):
                coaching_request = form.save(commit=False)
                if request.user.is_authenticated:
                    coaching_request.requested_by = request.user
                coaching_request.save()
                send_request_received(coaching_request)
                tell_editors(coaching_request)
                remember_sent(request, coaching_request)
                return redirect("coaching:thanks")
            form.add_error(
                None,
                _(
                    "You have sent several requests in a short time, so we have not sent this "
                    "one. Please wait an hour and try again. Everything you wrote is still here."
                ),
            )
            status = 429
    else:
        form = RequestForm(initial=initial)
    return TemplateResponse(
        request,
        "coaching/request.html",
        {"form": form, "reply_within_weeks": REPLY_WITHIN_WEEKS},
        status=status,
    )


def remember_sent(request, coaching_request):
    sent = [ref for ref in request.session.get(SENT_KEY, []) if ref != coaching_request.reference]
    request.session[SENT_KEY] = [*sent, coaching_request.reference][-SENT_KEPT:]


def thanks(request):
    """Thank you, with the reference of the request this session sent last, if any."""
    sent = request.session.get(SENT_KEY, [])
    coaching_request = CoachingRequest.objects.filter(reference=sent[-1]).first() if sent else None
    access.mark_private(request)
    return TemplateResponse(
        request,
        "coaching/thanks.html",
        {"coaching_request": coaching_request, "reply_within_weeks": REPLY_WITHIN_WEEKS},
    )


def send_request_received(coaching_request):
    """The reference and what happens next, to the person who asked."""
    return send_templated_email(
        "coaching/emails/request_received",
        coaching_request.contact_email,
        {
            "coaching_request": coaching_request,
            "reply_within_weeks": REPLY_WITHIN_WEEKS,
            "request_url": absolute_url(reverse("coaching:request")),
        },
    )


def admin_url(coaching_request):
    """The request's edit page in the admin, or the admin's home if it has none."""
    try:
        path = reverse(ADMIN_EDIT_URL_NAME, args=[coaching_request.pk])
    except NoReverseMatch:
        path = reverse("wagtailadmin_home")
    return absolute_url(path)


def tell_editors(coaching_request):
    """A short note to each editor (whoever may read reports): the organisation, its sector
    and where to read the rest. Nothing of what they asked for or who they are."""
    url = admin_url(coaching_request)
    sent = 0
    for editor in editors():
        sent += send_templated_email(
            "coaching/emails/new_request",
            editor.email,
            {
                "first_name": editor.first_name,
                "organisation": coaching_request.organisation,
                "sector": coaching_request.get_sector_display(),
                "admin_url": url,
            },
        )
    return sent


# Feedback -------------------------------------------------------------------------------


@never_cache
def feedback(request, token):
    coaching_request = get_object_or_404(CoachingRequest, feedback_token=token)
    access.mark_private(request)
    context = {"coaching_request": coaching_request}
    if Feedback.objects.filter(request=coaching_request).exists():
        return TemplateResponse(request, "coaching/feedback_given.html", context)
    if coaching_request.status != CoachingRequest.Status.COMPLETED:
        return TemplateResponse(request, "coaching/feedback_not_open.html", context)
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            answers = form.save(commit=False)
            answers.request = coaching_request
            try:
                with transaction.atomic():
                    answers.save()
            except IntegrityError:
                pass  # sent twice at once: the first is kept
            return redirect("coaching:feedback", token=token)
    else:
        form = FeedbackForm()
    return TemplateResponse(request, "coaching/feedback.html", {**context, "form": form})
