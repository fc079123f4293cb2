"""Background work: an email to one registrant, and the reminders a day before.

Reminders go by two routes that do the same idempotent work (`send_due_reminders`): when a
webinar is published, a `send_reminders` task is queued to run a day before it starts
(django-tasks `run_after`, on a backend that can defer: the database backend in
production); and `manage.py send_webinar_reminders`, run by a timer every 15 minutes,
catches anything the queue missed (a webinar moved, a worker down). A registration is
reminded once: the row is marked in the same UPDATE that claims it.
"""

from datetime import timedelta

from django.utils import timezone

from django_tasks import task

from core import access

from . import emails
from .models.registrations import Registration

#: A reminder goes to registrants of webinars starting within this long.
REMINDER_BEFORE = timedelta(hours=24)


@task()
def email_registrant(registration_id, kind):
    registration = (
        Registration.objects.filter(pk=registration_id).select_related("webinar", "member").first()
    )
    if registration is None:
        return "gone"
    return "sent" if emails.send_registration_email(registration, kind) else "not sent"


def send_due_reminders(now=None):
    """Remind everyone with a place at a live, not cancelled webinar starting within a day
    (and not yet started); return how many reminders were sent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        webinar__live=True,
        webinar__cancelled=False,
        webinar__start__gt=now,
        webinar__start__lte=now + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        registration = Registration.objects.select_related("webinar", "member").get(pk=pk)
        if not access.member_verdict(registration.member).allowed:
            # Suspended for now: left unclaimed, so a membership reopened in time still
            # gets its reminder.
            continue
        # Claim the row: another run (timer or task) that got here first has set it.
        claimed = Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        if emails.send_registration_email(registration, "reminder"):
            sent += 1
    return sent


@task()
def send_reminders():
    return send_due_reminders()


def schedule_reminders(webinar, now=None):
    """Queue `send_reminders` for a day before `webinar` starts, where the task backend can
    run a task later; the timer command covers backends that cannot."""
    now = now or timezone.now()
    when = webinar.start - REMINDER_BEFORE
    if webinar.cancelled or webinar.start <= now:
        return None
    if not send_reminders.get_backend().supports_defer:
        return None
    return send_reminders.using(run_after=max(when, now)).enqueue()
