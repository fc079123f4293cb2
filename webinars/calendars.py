"""Calendar files (iCalendar, RFC 5545) for webinars, made with the `icalendar` package, and
a webinar's time as people say it ("Tuesday 8 December 2026, 1pm to 2:30pm GMT").

One event per webinar: a UID that never changes, DTSTART and DTEND in Europe/London with
its VTIMEZONE, DTSTAMP, SUMMARY, URL, a SEQUENCE that rises when the webinar changes, and
STATUS:CANCELLED for a cancelled one, so calendar apps update the copy they already hold.
What is said of speakers is what their consent allows; the joining link goes only into a
calendar for someone with a place.
"""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from icalendar import Calendar, Event

from core.emails import absolute_url

CONTENT_TYPE = "text/calendar; charset=utf-8"
TZID = "Europe/London"
UK = ZoneInfo(TZID)
PRODID = "-//Community of Action//Webinars//EN"
#: The VTIMEZONE covers this long either side of the events (it lists each clock change).
TIMEZONE_MARGIN = timedelta(days=366)


def uk_time(moment):
    """`moment` in UK time (GMT or BST, whichever applies on the day)."""
    return moment.astimezone(UK)


def clock(moment):
    """'1pm', '2:30pm', '10am': the time of day as people say it."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    suffix = pgettext("before noon", "am") if moment.hour < 12 else pgettext("after noon", "pm")
    return f"{hour}{minutes}{suffix}"


def spoken_time(webinar):
    """'Tuesday 8 December 2026, 1pm to 2:30pm GMT', in the active language."""
    start, end = uk_time(webinar.start), uk_time(webinar.end)
    return _("%(day)s, %(start)s to %(end)s %(zone)s") % {
        "day": date_format(start, "l j F Y"),
        "start": clock(start),
        "end": clock(end),
        "zone": end.tzname(),
    }


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    # Calendar apps poll a subscribed calendar; once an hour is plenty.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    return calendar


def uid_for(webinar):
    """Stable across edits and languages: the webinar's translation key."""
    host = settings.WAGTAILADMIN_BASE_URL.split("://")[-1].split("/")[0].split(":")[0]
    return f"webinar-{webinar.translation_key}@{host or 'community-of-action'}"


def describe(webinar, *, joining_link=""):
    """The event's description: summary, speakers as consent allows, how to join."""
    lines = []
    if webinar.cancelled:
        lines.append(_("This webinar has been cancelled."))
    if webinar.summary:
        lines.append(webinar.summary)
    chair = webinar.shown_chair()
    if chair and chair.named:
        lines.append(_("Chair: %(name)s") % {"name": chair.name})
    names = [speaker.name for speaker in webinar.shown_speakers() if speaker.named]
    if names:
        lines.append(_("Speakers: %(names)s") % {"names": ", ".join(names)})
    if webinar.will_be_recorded:
        lines.append(_("This session will be recorded."))
    if joining_link:
        lines.append(_("Join: %(link)s") % {"link": joining_link})
    return "\n\n".join(lines)


def event_for(webinar, *, joining_link="", now=None):
    now = now or timezone.now()
    event = Event()
    event.add("uid", uid_for(webinar))
    event.add("dtstamp", now.astimezone(UTC))
    # In UK time whatever the active time zone, so TZID is always Europe/London.
    event.add("dtstart", uk_time(webinar.start))
    event.add("dtend", uk_time(webinar.end))
    event.add("summary", webinar.title)
    event.add("sequence", webinar.sequence)
    page_url = absolute_url(webinar.url or "")
    if page_url:
        event.add("url", page_url)
    event.add("description", describe(webinar, joining_link=joining_link))
    if joining_link:
        event.add("location", joining_link)
    event.add("status", "CANCELLED" if webinar.cancelled else "CONFIRMED")
    event.add("last-modified", (webinar.last_published_at or now).astimezone(UTC))
    return event


def calendar_for(webinars, name, *, joining_links=None, now=None):
    """A VCALENDAR of `webinars`, with the VTIMEZONE the events use."""
    joining_links = joining_links or {}
    webinars = list(webinars)
    calendar = new_calendar(name)
    for webinar in webinars:
        calendar.add_component(
            event_for(webinar, joining_link=joining_links.get(webinar.pk, ""), now=now)
        )
    if webinars:
        # Only the clock changes around these events, not every one since 1970.
        calendar.add_missing_timezones(
            first_date=min(w.start for w in webinars).date() - TIMEZONE_MARGIN,
            last_date=max(w.end for w in webinars).date() + TIMEZONE_MARGIN,
        )
    return calendar


def ics_bytes(webinars, name, **kwargs):
    return calendar_for(webinars, name, **kwargs).to_ical()


def ics_response(webinars, name, filename, *, private=False, **kwargs):
    response = HttpResponse(ics_bytes(webinars, name, **kwargs), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def attachment_for(webinar, *, joining_link=""):
    """(filename, bytes, type) for an email: the one webinar's event."""
    return (
        f"{webinar.slug}.ics",
        ics_bytes([webinar], webinar.title, joining_links={webinar.pk: joining_link}),
        "text/calendar",
    )
