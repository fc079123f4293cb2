"""A member's own webinars, and their personal calendar at a secret address."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core import access, serving
from core.emails import absolute_url

from . import calendars
from .models import CalendarToken, Registration

#: A personal calendar keeps webinars that ended within this long ago.
KEEP_PAST = timedelta(days=30)
#: `last_used_at` is written at most this often (calendar apps poll).
USE_RECORDED_EVERY = timedelta(hours=1)


def personal_calendar_url(token):
    return absolute_url(reverse("webinars_calendar:personal", args=[token.token]))


@never_cache
@login_required
def my_webinars(request):
    """Upcoming and recent registrations, and the personal calendar address (reset by POST)."""
    token, _created = CalendarToken.objects.get_or_create(member=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            token.reset()
            messages.success(
                request,
                _(
                    "Your calendar address has changed. The old one no longer works: add "
                    "the new one to your calendar app."
                ),
            )
        return redirect("webinars:mine")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(member=request.user)
        .active()
        .select_related("webinar")
        .order_by("webinar__start")
    )
    upcoming = [r for r in registrations if r.webinar.end > now]
    past = [r for r in registrations if r.webinar.end <= now][::-1]
    calendar_url = personal_calendar_url(token)
    return TemplateResponse(
        request,
        "webinars/my_webinars.html",
        {
            "upcoming": upcoming,
            "past": past,
            "calendar_url": calendar_url,
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[-1],
            "member_standing": str(access.member_verdict(request.user)),
        },
    )


def _request_as(member):
    """A request from `member` alone, for the access policy: the calendar app's own cookies
    (if any) and anything already worked out for them count for nothing."""
    as_member = HttpRequest()
    as_member.user = member
    as_member.session = {}
    return as_member


@never_cache
def personal_calendar(request, token):
    """The member's registrations as a calendar, for a calendar app that sends no cookies.

    The token stands for the member: what they may open is what the one access rule says
    for them now (a suspended member's calendar empties), and joining links go only with a
    place. A reset token is gone, so its old address answers 404.
    """
    if request.method not in serving.SAFE_METHODS:
        return HttpResponseNotAllowed(serving.SAFE_METHODS)
    holder = CalendarToken.objects.filter(token=token).select_related("member").first()
    if holder is None or not holder.member.is_active:
        raise Http404("No such calendar.")
    member = holder.member
    now = timezone.now()
    webinars, joining = [], {}
    if access.member_verdict(member).allowed:
        as_member = _request_as(member)
        registrations = (
            Registration.objects.filter(member=member, webinar__end__gt=now - KEEP_PAST)
            .active()
            .select_related("webinar", "webinar__chair")
            .prefetch_related("webinar__speakers__speaker")
            .order_by("webinar__start", "pk")
        )
        for item in registrations:
            webinar = item.webinar
            if not access.page_verdict(as_member, webinar).allowed:
                continue
            webinars.append(webinar)
            if item.has_place and not webinar.cancelled:
                joining[webinar.pk] = webinar.joining_link
    if holder.last_used_at is None or now - holder.last_used_at > USE_RECORDED_EVERY:
        CalendarToken.objects.filter(pk=holder.pk).update(last_used_at=now)
    return calendars.ics_response(
        webinars, _("My webinars"), "my-webinars.ics", joining_links=joining, private=True
    )
