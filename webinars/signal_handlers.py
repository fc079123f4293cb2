"""What follows a change of consent or of a published webinar, and the webinars app's part
of a member's data download and erasure."""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.search import index
from wagtail.signals import page_published

from core.personal_data import erases, exports

from . import registration, tasks
from .models import (
    CalendarToken,
    ConsentRecord,
    Registration,
    WebinarPage,
)
from .signals import consent_changed

logger = logging.getLogger(__name__)


def pages_showing(speaker):
    """Every webinar page (any language, live or not) on which `speaker` appears."""
    keys = speaker.all_copies().values("pk")
    return (
        WebinarPage.objects.filter(chair__in=keys)
        | WebinarPage.objects.filter(speakers__speaker__in=keys)
        | WebinarPage.objects.filter(agenda_items__speaker__in=keys)
        | WebinarPage.objects.filter(quotes__speaker__in=keys)
    ).distinct()


@receiver(consent_changed)
def take_consent_change_everywhere(sender, speaker, uses, **kwargs):
    """A withdrawal shows on the next request: pages are built from the speaker's flags on
    every request; here the search index is updated at once (not by the worker) and any
    front-end cache (WAGTAILFRONTENDCACHE) is told to drop the pages that showed them."""
    for copy in speaker.all_copies():
        index.insert_or_update_object(copy)
    pages = list(pages_showing(speaker).specific())
    for page in pages:
        index.insert_or_update_object(page)
    live = [page for page in pages if page.live]
    if live:
        purge_pages_from_cache(live)
    parents = {page.get_parent().pk: page.get_parent() for page in live}
    if parents:
        purge_pages_from_cache(list(parents.values()))


#: Fields whose change makes registrants' calendar copies out of date.
CALENDAR_FIELDS = ("start", "duration", "joining_link", "title")


@receiver(page_published)
def after_webinar_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, WebinarPage):
        return
    webinar = instance
    previous = (
        webinar.revisions.exclude(pk=getattr(revision, "pk", None))
        .filter(approved_go_live_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    changed = False
    if previous is not None and webinar.first_published_at != webinar.last_published_at:
        before = previous.as_object()
        changed = any(
            getattr(before, field) != getattr(webinar, field) for field in CALENDAR_FIELDS
        )
    if changed:
        WebinarPage.objects.filter(translation_key=webinar.translation_key).update(
            sequence=webinar.sequence + 1
        )
        webinar.sequence += 1
        if webinar.is_upcoming() and not webinar.cancelled:
            for item in Registration.objects.filter(
                webinar=webinar.registration_webinar()
            ).active():
                tasks.email_registrant.enqueue(item.pk, "changed")
    # More places, or a waiting list left from before: fill them.
    registration.fill_places(webinar)
    tasks.schedule_reminders(webinar)


@receiver(post_save, sender=ConsentRecord)
def consent_records_are_history(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        logger.warning("Consent record %s was changed; records should only be added.", instance.pk)


# Personal data ------------------------------------------------------------------------


@exports("webinars.Registration.member")
def webinar_registrations(sender, user, **kwargs):
    rows = (
        Registration.objects.filter(member=user).select_related("webinar").order_by("created_at")
    )
    return {
        "webinar_registrations": [
            {
                "webinar": item.webinar.title,
                "starts": item.webinar.start.isoformat(),
                "status": item.status,
                "first_registered": item.created_at.isoformat(),
                "joined_list": item.queued_at.isoformat(),
                "place_given": item.confirmed_at.isoformat() if item.confirmed_at else None,
                "cancelled": item.cancelled_at.isoformat() if item.cancelled_at else None,
                "reminder_sent": item.reminded_at.isoformat() if item.reminded_at else None,
                "attended": item.attended,
            }
            for item in rows
        ]
    }


@exports("webinars.CalendarToken.member")
def personal_calendar_address(sender, user, **kwargs):
    token = CalendarToken.objects.filter(member=user).first()
    if token is None:
        return {}
    return {
        "webinar_calendar": {
            "address_created": token.created_at.isoformat(),
            "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
        }
    }


@exports("webinars.ConsentRecord.recorded_by")
def consent_records_entered(sender, user, **kwargs):
    rows = ConsentRecord.objects.filter(recorded_by=user).select_related("speaker")
    if not rows:
        return {}
    return {
        "speaker_consent_records_you_entered": [
            {
                "speaker": item.speaker.name,
                "use": item.use,
                "given": item.given,
                "date": item.agreed_on.isoformat(),
                "recorded_at": item.recorded_at.isoformat(),
            }
            for item in rows
        ]
    }


@erases("webinars.Registration.member", "webinars.CalendarToken.member")
def forget_registrations(sender, user, **kwargs):
    """Places given up (the next in each queue promoted), rows deleted, calendar closed."""
    registration.remove_member(user)
    Registration.objects.filter(member=user).delete()
    CalendarToken.objects.filter(member=user).delete()


@erases("webinars.ConsentRecord.recorded_by")
def unlink_consent_records(sender, user, **kwargs):
    """The speaker's record stays (it is their consent, not the editor's); who typed it in
    is forgotten."""
    ConsentRecord.objects.filter(recorded_by=user).update(recorded_by=None)
