"""What follows a change of consent or of a published webinar, and the webinars app's part
of a member's data download and erasure."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page, Revision
from wagtail.search import index
from wagtail.signals import page_published

from core.personal_data import erases, exports

from . import registration, tasks
from .consent import Use
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


def pages_crediting(speaker):
    """Every page (any type or language, live or not) crediting `speaker`."""
    return Page.objects.filter(credits__person__in=speaker.all_copies().values("pk")).distinct()


@receiver(consent_changed)
def take_consent_change_everywhere(sender, speaker, uses, **kwargs):
    """A withdrawal shows on the next request: pages are built from the speaker's flags on
    every request; here the search index is updated at once (not by the worker) and any
    front-end cache (WAGTAILFRONTENDCACHE) is told to drop the pages that showed them."""
    copies = list(speaker.all_copies().select_related("photo"))
    for copy in copies:
        index.insert_or_update_object(copy)
    if Use.PHOTO in uses and not speaker.consent_photo:
        # Resized copies of the photo are public files (/media/images/): delete them, so an
        # address kept from before (a browser's cache, a copied link) no longer shows it.
        # Wagtail deletes a rendition's file with its row; one is made again only if the
        # image is shown somewhere else.
        for photo in {copy.photo for copy in copies if copy.photo_id}:
            photo.renditions.all().delete()
    pages = list(pages_showing(speaker).specific())
    for page in pages:
        index.insert_or_update_object(page)
    unschedule_without_consent(pages)
    # Pages crediting them: resources and webinars index consented names, and a cached
    # copy of any of them (stories too) still shows the old credit.
    shown = {page.pk for page in pages}
    credited = [page for page in pages_crediting(speaker).specific() if page.pk not in shown]
    for page in credited:
        index.insert_or_update_object(page)
    pages += credited
    live = [page for page in pages if page.live]
    if live:
        purge_pages_from_cache(live)
    parents = {page.get_parent().pk: page.get_parent() for page in live}
    if parents:
        purge_pages_from_cache(list(parents.values()))


def unschedule_without_consent(pages):
    """A publication scheduled before a withdrawal would show what is no longer agreed: it
    is taken off the schedule (the editor sees it is no longer scheduled in the page's
    history, and the consent problem when scheduling again) rather than published by
    `publish_scheduled`."""
    scheduled = Revision.page_revisions.filter(
        object_id__in=[str(page.pk) for page in pages], approved_go_live_at__isnull=False
    )
    for revision in scheduled:
        if revision.as_object().consent_problems():
            # Saving just this field is how Wagtail unschedules; it logs "Unschedule
            # publication" in the page's history.
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])


@receiver(page_published)
def after_webinar_published(sender, instance, **kwargs):
    """A change to what calendars hold (time, length, title, joining link) raises SEQUENCE and
    emails registrants; free places are filled from the waiting list; reminders are queued."""
    if not isinstance(instance, WebinarPage):
        return
    webinar = instance
    fingerprint = webinar.fingerprint()
    if fingerprint != webinar.calendar_fingerprint:
        changed = bool(webinar.calendar_fingerprint)
        WebinarPage.objects.filter(pk=webinar.pk).update(calendar_fingerprint=fingerprint)
        webinar.calendar_fingerprint = fingerprint
        if changed:
            # Every language copy carries the same SEQUENCE: one event in calendar apps.
            copies = WebinarPage.objects.filter(translation_key=webinar.translation_key)
            webinar.sequence = max(copies.values_list("sequence", flat=True)) + 1
            copies.update(sequence=webinar.sequence)
        # Registrants are told once, by the copy their registrations belong to.
        told_here = webinar.registration_webinar().pk == webinar.pk
        if changed and told_here and webinar.is_upcoming() and not webinar.cancelled:
            registrants = Registration.objects.filter(webinar=webinar)
            # A reminder sent for an earlier time, more than a day before the new one, is
            # sent again when the new time comes near.
            registrants.filter(reminded_at__lt=webinar.start - tasks.REMINDER_BEFORE).update(
                reminded_at=None
            )
            for pk in registrants.active().values_list("pk", flat=True):
                transaction.on_commit(lambda pk=pk: tasks.email_registrant.enqueue(pk, "changed"))
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
