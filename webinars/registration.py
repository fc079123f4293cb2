"""Registering, cancelling and the waiting list: the rules, kept in one place.

Every change to a webinar's registrations happens with the webinar's page row locked
(`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite, which ignores that, the settings begin
every transaction with the write lock: `transaction_mode` IMMEDIATE), so two members
clicking for the last place at once, or one member double-clicking in two tabs, still give
exactly `capacity` places and one row per member (also a database constraint). Emails go
after the transaction commits.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core import access

from . import emails
from .models.registrations import Registration


class Outcome(StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    ALREADY_REGISTERED = "already_registered"
    ALREADY_WAITING = "already_waiting"
    CANCELLED = "cancelled"
    ALREADY_CANCELLED = "already_cancelled"


MESSAGES = {
    Outcome.REGISTERED: _(
        "You have a place. We have emailed you the details and a calendar file."
    ),
    Outcome.WAITING: _(
        "This webinar is full, so you are on the waiting list. We will email you if a place "
        "comes up."
    ),
    Outcome.ALREADY_REGISTERED: _("You already have a place at this webinar."),
    Outcome.ALREADY_WAITING: _("You are already on the waiting list for this webinar."),
    Outcome.CANCELLED: _(
        "Your registration is cancelled. You can register again if places allow."
    ),
    Outcome.ALREADY_CANCELLED: _("You do not have a registration for this webinar."),
}
#: The waiting-list messages when the member's place in the queue is known.
WAITING_MESSAGES = {
    Outcome.WAITING: _(
        "This webinar is full, so you are on the waiting list: number %(position)s in the "
        "queue. We will email you if a place comes up."
    ),
    Outcome.ALREADY_WAITING: _(
        "You are already on the waiting list for this webinar: number %(position)s in the queue."
    ),
}


class NotOpen(Exception):
    """Registration cannot change: the message says why, in plain words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Result:
    registration: Registration | None
    outcome: Outcome
    promoted: tuple = ()
    #: Where a waiting member is in the queue (1: next to be offered a place), else None.
    position: int | None = None

    @property
    def message(self):
        if self.position is not None and self.outcome in WAITING_MESSAGES:
            return WAITING_MESSAGES[self.outcome] % {"position": self.position}
        return MESSAGES[self.outcome]


def why_closed(webinar, now=None):
    """Why `webinar` takes no registrations now, as a sentence; "" when it does."""
    now = now or timezone.now()
    if webinar.cancelled:
        return _("This webinar has been cancelled, so it is not taking registrations.")
    if webinar.has_started(now):
        if webinar.is_upcoming(now):
            return _("This webinar has already started, so registration has closed.")
        return _("This webinar has taken place, so it is not taking registrations.")
    if not webinar.registration_open:
        return _("Registration for this webinar is not open.")
    return ""


def registration_for(webinar, member):
    """`member`'s registration row for `webinar` (any status), or None."""
    if not member.is_authenticated:
        return None
    return Registration.objects.filter(
        webinar=webinar.registration_webinar(), member=member
    ).first()


def queue_position(registration):
    """Where a waiting `registration` is in its queue (1 is next), or None if not waiting."""
    if registration is None or not registration.is_waiting:
        return None
    ahead = (
        Registration.objects.filter(webinar_id=registration.webinar_id)
        .waiting()
        .filter(
            models.Q(queued_at__lt=registration.queued_at)
            | models.Q(queued_at=registration.queued_at, pk__lt=registration.pk)
        )
    )
    return ahead.count() + 1


def _waiting_result(registration, outcome):
    return Result(registration, outcome, position=queue_position(registration))


def places_taken(webinar):
    return Registration.objects.filter(webinar=webinar.registration_webinar()).confirmed().count()


def places_left(webinar, taken=None):
    """Places still free, or None for no limit."""
    if webinar.capacity is None:
        return None
    taken = places_taken(webinar) if taken is None else taken
    return max(webinar.capacity - taken, 0)


def _lock(webinar):
    list(Page.objects.select_for_update().filter(pk=webinar.pk).values_list("pk", flat=True))


def register(webinar, member, now=None):
    """Give `member` a place, or a place on the waiting list; a `Result`.

    Raises NotOpen for a cancelled, started or past webinar, or for a person who is not an
    approved member (their standing is the reason).
    """
    webinar = webinar.registration_webinar()
    standing = access.member_verdict(member)
    if not standing.allowed:
        raise NotOpen(_("Only approved members can register."))
    try:
        with transaction.atomic():
            _lock(webinar)
            # The time is read under the lock, so the queue's order is the order of the
            # clicks as the lock served them.
            now = now or timezone.now()
            # Read again under the lock: an editor may have cancelled or moved it meanwhile.
            webinar.refresh_from_db(
                fields=["cancelled", "start", "end", "capacity", "registration_open"]
            )
            reason = why_closed(webinar, now)
            if reason:
                raise NotOpen(reason)
            # Anyone already waiting is offered a free place before a newcomer is.
            _fill_places(webinar, now)
            registration = Registration.objects.filter(webinar=webinar, member=member).first()
            if registration and registration.has_place:
                return Result(registration, Outcome.ALREADY_REGISTERED)
            if registration and registration.is_waiting:
                return _waiting_result(registration, Outcome.ALREADY_WAITING)
            full = webinar.capacity is not None and places_taken(webinar) >= webinar.capacity
            status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
            registration = registration or Registration(webinar=webinar, member=member)
            registration.status = status
            registration.queued_at = now
            registration.confirmed_at = None if full else now
            registration.cancelled_at = None
            registration.reminded_at = None
            registration.attended = None
            registration.save()
            outcome = Outcome.WAITING if full else Outcome.REGISTERED
            result = (
                _waiting_result(registration, outcome) if full else Result(registration, outcome)
            )
    except IntegrityError:
        # The same member's other tab created the row between our look and our write.
        registration = Registration.objects.get(webinar=webinar, member=member)
        if registration.has_place:
            return Result(registration, Outcome.ALREADY_REGISTERED)
        return _waiting_result(registration, Outcome.ALREADY_WAITING)
    transaction.on_commit(lambda: emails.send_registration_email(registration, outcome))
    return result


def cancel(webinar, member, now=None):
    """Cancel `member`'s place or place in the queue; the next in the queue is promoted."""
    now = now or timezone.now()
    webinar = webinar.registration_webinar()
    if webinar.has_started(now) and not webinar.cancelled:
        raise NotOpen(
            _("This webinar has already started, so registrations can no longer change.")
        )
    with transaction.atomic():
        _lock(webinar)
        registration = Registration.objects.filter(webinar=webinar, member=member).active().first()
        if registration is None:
            return Result(None, Outcome.ALREADY_CANCELLED)
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _fill_places(webinar, now)
    transaction.on_commit(lambda: emails.send_registration_email(registration, Outcome.CANCELLED))
    return Result(registration, Outcome.CANCELLED, tuple(promoted))


def fill_places(webinar, now=None):
    """Promote from the waiting list into any free places (after capacity is raised)."""
    webinar = webinar.registration_webinar()
    if webinar.cancelled or webinar.has_started(now):
        return []
    with transaction.atomic():
        _lock(webinar)
        return _fill_places(webinar, now or timezone.now())


def _fill_places(webinar, now):
    """In the caller's locked transaction: promote the waiting list, first come first."""
    if webinar.cancelled or webinar.has_started(now):
        return []
    waiting = Registration.objects.filter(webinar=webinar).waiting()
    if webinar.capacity is not None:
        free = webinar.capacity - places_taken(webinar)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
    for registration in promoted:
        transaction.on_commit(
            lambda registration=registration: emails.send_registration_email(
                registration, "promoted"
            )
        )
    return promoted


def cancel_webinar(webinar, reason=""):
    """Cancel `webinar` itself (every language copy), for the admin's "Cancel this webinar":
    calendars get a higher SEQUENCE and STATUS:CANCELLED, and everyone registered or waiting
    an email (with the cancelling calendar file for those who had a place). Registrations
    are kept, so the audience stays known; returns how many people are emailed."""
    webinar = webinar.registration_webinar()
    with transaction.atomic():
        _lock(webinar)
        webinar.refresh_from_db(fields=["cancelled", "sequence"])
        if webinar.cancelled:
            return 0
        type(webinar).objects.filter(translation_key=webinar.translation_key).update(
            cancelled=True, cancelled_reason=reason, sequence=models.F("sequence") + 1
        )
        webinar.refresh_from_db(fields=["cancelled", "cancelled_reason", "sequence"])
        told = list(Registration.objects.filter(webinar=webinar).active())
        for item in told:
            transaction.on_commit(
                lambda item=item: emails.send_registration_email(item, "webinar_cancelled")
            )
    return len(told)


def remove_member(member, now=None):
    """Before an account is erased: give up its places, promoting the next in each queue."""
    now = now or timezone.now()
    for registration in (
        Registration.objects.filter(member=member).active().select_related("webinar")
    ):
        webinar = registration.webinar
        with transaction.atomic():
            _lock(webinar)
            Registration.objects.filter(pk=registration.pk).delete()
            _fill_places(webinar, now)
