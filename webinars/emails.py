"""Emails to registrants: a place, the waiting list, a place coming up, a cancellation (theirs
or ours), a change of time, and the reminder a day before.

Templates are `webinars/email/<kind>_{subject,message}.txt` and `_message.html`. Speakers are
named only as their consent allows (`Speaker.shown()`); the joining link goes only to an
approved member with a place, and a calendar file only to someone who has (or had) a place.
"""

from django.urls import reverse

from core import access
from core.emails import absolute_url, send_templated_email

from . import calendars

KINDS = (
    "registered",
    "waiting",
    "promoted",
    "cancelled",
    "webinar_cancelled",
    "changed",
    "reminder",
)
#: Which emails carry the calendar file, to someone with a place (with the joining link, or,
#: for a cancelled webinar, the STATUS:CANCELLED copy that takes it out of their calendar).
WITH_CALENDAR = {"registered", "promoted", "webinar_cancelled", "changed", "reminder"}


def email_context(registration, kind=""):
    webinar = registration.webinar.specific
    # A suspended member keeps their row, but no joining link goes to them.
    has_place = (
        registration.has_place
        and not webinar.cancelled
        and access.member_verdict(registration.member).allowed
    )
    page_url = absolute_url(webinar.url or "")
    return {
        "first_name": registration.member.first_name,
        "webinar": webinar,
        "start": calendars.uk_time(webinar.start),
        "end": calendars.uk_time(webinar.end),
        "when": calendars.spoken_time(webinar),
        "chair": webinar.shown_chair(),
        "speakers": webinar.shown_speakers(),
        "page_url": page_url,
        "my_webinars_url": absolute_url(reverse("webinars:mine")),
        "has_place": has_place,
        "waiting": registration.is_waiting,
        "joining_link": webinar.joining_link if has_place else "",
        "calendar_attached": kind in WITH_CALENDAR and registration.has_place,
    }


def send_registration_email(registration, kind):
    """Send the `kind` email about `registration` to its member; True if queued."""
    kind = str(kind)
    if kind not in KINDS:
        raise ValueError(f"No such webinar email: {kind}")
    member = registration.member
    if not member.email or not member.is_active:
        return False
    context = email_context(registration, kind)
    attachments = []
    if context["calendar_attached"]:
        attachments.append(
            calendars.attachment_for(context["webinar"], joining_link=context["joining_link"])
        )
    return send_templated_email(
        f"webinars/email/{kind}", member.email, context, attachments=attachments
    )
