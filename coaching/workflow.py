"""The work on a coaching request: who coaches, who may move a request to which status, and
what each change of status does (its dates and its emails).

Who
    The editors (whoever may read reports, `core.reports.can_read_reports`, or holds the
    model's own change permission) work every request. A coach (`core.coach_organisations`,
    the Coaches group, or given directly) works only the requests matched to them, and only
    between matched, in progress and completed: choosing the coach and declining stay with
    the editors.

What a change does
    `save()` reads where the request stood (locking its row, so two people saving at once
    cannot both send the same email), then:

    - entering the matched stage (matched, or straight to in progress) from new or
      declined: the coach is sent the request and a link to it in the admin; the
      organisation's contact is told, kindly, that a coach will be in touch. The coach's
      own address is not given to them: the coach writes first, from their own address.
    - a different coach on a request already matched: the new coach is sent it.
    - declined: the contact is sent the reason, as the editor wrote it.
    - completed: `completed_at` is set; the first time only, the contact is thanked and
      sent the link to the feedback form, and `feedback_requested_at` is set. Leaving
      completed again (the coaching carries on) clears `completed_at`.

    Saving again without a change of status or coach sends nothing. Emails go when the
    transaction commits (core.emails, through the task queue), never for a change that
    was rolled back. The rules a status needs (a coach to be matched, a reason to decline)
    are `CoachingRequest.clean()`: the admin form and `change_status()` both check them.
"""

from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.emails import absolute_url, send_templated_email
from core.reports import can_read_reports
from members.models import MemberProfile
from members.roles import COACH_ORGANISATIONS

from .models import CoachingRequest

Status = CoachingRequest.Status

#: The admin's edit page of a request (coaching.admin_views registers the ViewSet).
ADMIN_EDIT_URL_NAME = "coaching_requests:edit"
CHANGE_PERMISSION = "coaching.change_coachingrequest"

#: Where a coach may move a request matched to them.
COACH_STATUSES = (Status.MATCHED, Status.IN_PROGRESS, Status.COMPLETED)
#: A coach is working with the organisation.
MATCHED_STAGE = (Status.MATCHED, Status.IN_PROGRESS)
#: No coach working with them (None: a request being made in the admin).
UNMATCHED = (None, Status.NEW, Status.DECLINED)


# Who -----------------------------------------------------------------------------------


def coach_permissions():
    app_label, codename = COACH_ORGANISATIONS.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def coaches():
    """Active people with the coach permission, through a group or given directly, who are
    not suspended or declined as members (staff without a member profile may coach)."""
    permissions = coach_permissions()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(member_profile__isnull=True)
            | Q(member_profile__status=MemberProfile.Status.APPROVED)
        )
        .filter(Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions))
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def coach_choices(coaching_request=None):
    """The coaches an editor may choose, and the request's own coach even if they no longer
    coach (so saving it unchanged still works)."""
    current = coaching_request.coach_id if coaching_request is not None else None
    return (
        get_user_model()
        .objects.filter(Q(pk__in=coaches().values("pk")) | Q(pk=current))
        .order_by("first_name", "last_name", "email")
    )


def is_coach(user):
    return bool(user.is_authenticated and user.is_active and user.has_perm(COACH_ORGANISATIONS))


def works_every_request(user):
    """The editors (and anyone with the model's change permission, superusers included)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (can_read_reports(user) or user.has_perm(CHANGE_PERMISSION))
    )


def requests_for(user):
    """The requests `user` may open in the admin: all, theirs as coach, or none."""
    requests = CoachingRequest.objects.all()
    if works_every_request(user):
        return requests
    if is_coach(user):
        return requests.filter(coach=user)
    return requests.none()


def statuses_for(user, coaching_request):
    """The statuses `user` may give `coaching_request` (its own status always among them)."""
    if works_every_request(user):
        return list(Status)
    if coaching_request.status in COACH_STATUSES and coaching_request.coach_id == user.pk:
        return list(COACH_STATUSES)
    return [Status(coaching_request.status)]


# What a change does --------------------------------------------------------------------


@dataclass(frozen=True)
class Before:
    """Where a request stood before this change."""

    status: str | None = None
    coach_id: int | None = None


def before_change(coaching_request):
    """Where `coaching_request` stands in the database, its row locked until the end of the
    transaction (a request not yet saved: nowhere)."""
    if coaching_request.pk is None:
        return Before()
    row = (
        CoachingRequest.objects.select_for_update()
        .filter(pk=coaching_request.pk)
        .values_list("status", "coach_id")
        .first()
    )
    return Before(*row) if row else Before()


#: The emails a change may send: (template name under coaching/emails/, to whom).
COACH_MATCHED = "coach_matched"
CONTACT_MATCHED = "contact_matched"
CONTACT_DECLINED = "contact_declined"
CONTACT_COMPLETED = "contact_completed"
TO_COACH = {COACH_MATCHED}


def apply_change(before, coaching_request, now=None):
    """Set the dates this change sets on `coaching_request` (not saved) and return the
    emails it sends, in order."""
    now = now or timezone.now()
    status = coaching_request.status
    emails = []
    entered_matching = before.status in UNMATCHED and status in MATCHED_STAGE
    new_coach = before.coach_id != coaching_request.coach_id
    if status in MATCHED_STAGE and coaching_request.coach_id and (entered_matching or new_coach):
        emails.append(COACH_MATCHED)
    if entered_matching:
        emails.append(CONTACT_MATCHED)
    if status == Status.DECLINED and before.status != Status.DECLINED:
        emails.append(CONTACT_DECLINED)
    if status == Status.COMPLETED and before.status != Status.COMPLETED:
        coaching_request.completed_at = now
        if coaching_request.feedback_requested_at is None:
            coaching_request.feedback_requested_at = now
            emails.append(CONTACT_COMPLETED)
    elif status != Status.COMPLETED and before.status == Status.COMPLETED:
        coaching_request.completed_at = None
    return [email for email in emails if recipient(email, coaching_request)]


@transaction.atomic
def save(coaching_request, save_instance=None):
    """Save `coaching_request` (through `save_instance()`, such as the admin form's save, or
    its own `save()`), with what its change of status does; return the emails it sends
    (they go once the transaction commits)."""
    before = before_change(coaching_request)
    emails = apply_change(before, coaching_request)
    if save_instance is None:
        coaching_request.save()
    else:
        save_instance()  # saves `coaching_request` itself (the form's instance)
    for email in emails:
        transaction.on_commit(partial(send, email, coaching_request.pk))
    return emails


def change_status(coaching_request, status, *, coach=None, decline_reason=None):
    """Move `coaching_request` to `status` (with its coach or reason), checking what the
    status needs (ValidationError if it is missing); return the emails it sends."""
    coaching_request.status = status
    if coach is not None:
        coaching_request.coach = coach
    if decline_reason is not None:
        coaching_request.decline_reason = decline_reason
    coaching_request.full_clean()
    return save(coaching_request)


# The emails ----------------------------------------------------------------------------


def recipient(email, coaching_request):
    """Whom `email` goes to ("" for nobody: no coach, or a contact since erased)."""
    if email in TO_COACH:
        coach = coaching_request.coach
        return coach.email if coach is not None and coach.is_active else ""
    return coaching_request.contact_email


def admin_url(coaching_request):
    return absolute_url(reverse(ADMIN_EDIT_URL_NAME, args=[coaching_request.pk]))


def feedback_url(coaching_request):
    return absolute_url(
        reverse("coaching:feedback", kwargs={"token": coaching_request.feedback_token})
    )


def email_context(email, coaching_request):
    context = {
        "coaching_request": coaching_request,
        "reference": coaching_request.reference,
        "organisation": coaching_request.organisation,
    }
    if email in TO_COACH:
        context["first_name"] = coaching_request.coach.first_name
        context["admin_url"] = admin_url(coaching_request)
    else:
        context["contact_name"] = coaching_request.contact_name
    if email == CONTACT_DECLINED:
        context["decline_reason"] = coaching_request.decline_reason
    if email == CONTACT_COMPLETED:
        context["feedback_url"] = feedback_url(coaching_request)
    return context


def send(email, pk):
    """Send `email` about request `pk` as it is now; True if queued."""
    coaching_request = CoachingRequest.objects.select_related("coach").filter(pk=pk).first()
    if coaching_request is None:
        return False
    to = recipient(email, coaching_request)
    if not to:
        return False
    return send_templated_email(
        f"coaching/emails/{email}", to, email_context(email, coaching_request)
    )
