"""Background work for forum notifications (django-tasks): who hears about a new post, the
email straight away, and the daily digest.

`notify_readers` runs once a post is readable (queued by forums.notifications): it makes
the notifications (forums.audience) and queues `email_notification` for each member who
wants email straight away. `send_daily_digests` sends members who asked for a digest one
email a day with what is waiting for them; `manage.py send_forum_digests`, run by a timer
once a day, calls it (and a second run the same day sends nothing again: DigestSent).

Each notification is emailed once: the row is claimed (`emailed_at` set) in the same UPDATE
that checks it is still unsent. Just before sending, each one is checked again
(forums.audience.should_hear): a post hidden, a board closed or a writer muted since it was
made is dropped, not sent.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from django_tasks import task

from . import audience, emails
from .models.following import DigestSent, Notification, NotificationPreference

#: What a digest lists at most (the rest are counted, and on the site).
DIGEST_LIMIT = 50


@task()
def notify_readers(post_id):
    """Make the notifications for a newly readable post; queue the emails due at once."""
    waiting = audience.notify_about(post_id)
    for notification_id in waiting:
        email_notification.enqueue(notification_id)
    return len(waiting)


def _notifications():
    return Notification.objects.select_related(
        "member__member_profile",
        "post__author__forum_identity",
        "post__topic__board",
    )


@task()
def email_notification(notification_id, now=None):
    """Email one notification to a member who wants email straight away; return what
    happened ("sent", "dropped", "waiting" for a digest or nothing, or "gone")."""
    notification = _notifications().filter(pk=notification_id, emailed_at__isnull=True).first()
    if notification is None:
        return "gone"
    member = notification.member
    preference = audience.preference_of(member)
    if preference.frequency != NotificationPreference.Frequency.IMMEDIATELY:
        return "waiting"
    if not audience.should_hear(member, notification.post):
        notification.delete()
        return "dropped"
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=now or timezone.now()
    )
    if not claimed:
        return "gone"
    return "sent" if emails.send_notification(notification, preference) else "not sent"


def digest_members():
    """Ids of the members who asked for a digest and have something not yet emailed."""
    waiting = Notification.objects.filter(
        emailed_at__isnull=True,
        member__forum_preference__frequency=NotificationPreference.Frequency.DAILY,
    )
    return sorted(set(waiting.values_list("member_id", flat=True)))


def send_digest(member_id, now):
    """One member's digest for the day of `now`; True if it was sent. The DigestSent row is
    made first, in the same transaction: if it is there already, today's was sent."""
    period = timezone.localdate(now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent = DigestSent.objects.create(member_id=member_id, period=period, sent_at=now)
        except IntegrityError:
            return False
        waiting = list(
            _notifications()
            .filter(member_id=member_id, emailed_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not waiting:
            sent.delete()
            return False
        member = waiting[0].member
        request = audience.request_as(member)
        kept = [note for note in waiting if audience.should_hear(member, note.post, request)]
        dropped = {note.pk for note in waiting} - {note.pk for note in kept}
        Notification.objects.filter(pk__in=dropped).delete()
        if not kept:
            sent.delete()
            return False
        Notification.objects.filter(pk__in=[note.pk for note in kept]).update(emailed_at=now)
        preference = audience.preference_of(member)
        return emails.send_digest(member, kept[:DIGEST_LIMIT], len(kept), preference)


def send_daily_digests(now=None):
    """Send today's digest to every member who asked for one and has something new; return
    how many were sent."""
    now = now or timezone.now()
    return sum(1 for member_id in digest_members() if send_digest(member_id, now))


@task()
def send_digests():
    return send_daily_digests()
