"""Coaching in a member's personal data.

The download holds the requests they sent (signed in) and, for a coach, the requests matched
to them with the sessions held. Erasure unlinks them: a request they sent stays as the
organisation's record, but their name and email are taken out of it where it gave theirs;
a coach's requests and sessions stay, with no coach named."""

from core.personal_data import erases, exports

from .models import CoachingRequest, CoachingSession


def request_as_data(request):
    return {
        "reference": request.reference,
        "organisation": request.organisation,
        "team": request.team,
        "sector": request.get_sector_display(),
        "help_wanted": request.help_wanted,
        "preferred_format": request.get_preferred_format_display(),
        "contact_name": request.contact_name,
        "contact_email": request.contact_email,
        "status": request.get_status_display(),
        "received": request.created_at.isoformat(),
    }


@exports("coaching.CoachingRequest.requested_by", "coaching.CoachingRequest.coach")
def coaching(sender, user, **kwargs):
    sessions = {}
    for session in CoachingSession.objects.filter(request__coach=user).order_by("held_on"):
        sessions.setdefault(session.request_id, []).append(
            {
                "date": session.held_on.isoformat(),
                "minutes": session.minutes,
                "themes": [str(label) for label in session.theme_labels()],
                "notes": session.notes,
            }
        )
    return {
        "coaching_requests_sent": [
            request_as_data(request)
            for request in CoachingRequest.objects.filter(requested_by=user)
        ],
        "coaching_as_coach": [
            {
                "reference": request.reference,
                "organisation": request.organisation,
                "status": request.get_status_display(),
                "sessions": sessions.get(request.pk, []),
            }
            for request in CoachingRequest.objects.filter(coach=user)
        ],
    }


@erases("coaching.CoachingRequest.requested_by", "coaching.CoachingRequest.coach")
def forget_coaching(sender, user, **kwargs):
    CoachingRequest.objects.filter(requested_by=user, contact_email__iexact=user.email).update(
        contact_name="", contact_email=""
    )
    CoachingRequest.objects.filter(requested_by=user).update(requested_by=None)
    CoachingRequest.objects.filter(coach=user).update(coach=None)
