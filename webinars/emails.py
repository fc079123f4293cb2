"""Emails to registrants: a place, the waiting list, a place coming up, a cancellation (theirs
or ours), a change of time, and the reminder a day before.

Templates are `webinars/email/<kind>_{subject,message}.txt` and `_message.html`. Speakers are
named only as their consent allows (`Speaker.shown()`); the joining link and a calendar file
with it go only to someone with a place.
"""

from django.urls import reverse

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
#: Which emails carry the calendar file (with the joining link if the person has a place).
WITH_CALENDAR = {"registered", "promoted", "webinar_cancelled", "changed", "reminder"}


def email_context(registration):
    webinar = registration.webinar.specific
    has_place = registration.has_place and not webinar.cancelled
    page_url = absolute_url(webinar.url or "")
    return {
        "first_name": registration.member.first_name,
        "webinar": webinar,
        "start": webinar.local_start(),
        "end": webinar.local_end(),
        "chair": webinar.shown_chair(),
        "speakers": webinar.shown_speakers(),
        "page_url": page_url,
        "my_webinars_url": absolute_url(reverse("webinars:mine")),
        "has_place": has_place,
        "joining_link": webinar.joining_link if has_place else "",
    }


def send_registration_email(registration, kind):
    """Send the `kind` email about `registration` to its member; True if queued."""
    kind = str(kind)
    if kind not in KINDS:
        raise ValueError(f"No such webinar email: {kind}")
    member = registration.member
    if not member.email or not member.is_active:
        return False
    context = email_context(registration)
    attachments = []
    if kind in WITH_CALENDAR:
        attachments.append(
            calendars.attachment_for(context["webinar"], joining_link=context["joining_link"])
        )
    return send_templated_email(
        f"webinars/email/{kind}", member.email, context, attachments=attachments
    )
