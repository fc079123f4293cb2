"""Template helpers for webinars: UK times in plain words, and the home page's upcoming list."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import access
from core.emails import absolute_url

register = template.Library()


@register.filter
def clock(value):
    """ "1pm", "2:30pm", "midday", "midnight": a time as people say it (UK time for a datetime)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        return _("midday")
    if value.hour == 0 and value.minute == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    time = f"{hour}:{value.minute:02d}" if value.minute else str(hour)
    if value.hour < 12:
        return _("%(time)sam") % {"time": time}
    return _("%(time)spm") % {"time": time}


@register.filter
def time_range(webinar):
    """ "1pm to 2:30pm GMT"; both zones when the clocks change during it ("1:30am BST to
    1am GMT"), so nobody has to work out the change themselves."""
    start, end = webinar.local_start(), webinar.local_end()
    start_zone, end_zone = start.tzname(), end.tzname()
    if start_zone == end_zone:
        return _("%(start)s to %(end)s %(zone)s") % {
            "start": clock(start),
            "end": clock(end),
            "zone": end_zone,
        }
    return _("%(start)s %(start_zone)s to %(end)s %(end_zone)s") % {
        "start": clock(start),
        "start_zone": start_zone,
        "end": clock(end),
        "end_zone": end_zone,
    }


@register.filter
def duration_words(minutes):
    """90 -> "1 hour 30 minutes"; 45 -> "45 minutes"; 120 -> "2 hours"."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if rest:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest})
    return " ".join(parts)


@register.filter
def sub_url(webinar, name):
    """The address of one of a webinar page's own routes, e.g. `webinar|sub_url:"cancel"`."""
    return webinar.sub_url(name)


@register.simple_tag
def calendar_subscription(path):
    """The full address of the calendar at `path`, and the same as webcal:// (which opens
    the calendar app to subscribe), for calendar apps that keep a copy up to date."""
    full = absolute_url(path)
    return {"address": full, "webcal": "webcal://" + full.split("://", 1)[-1]}


@register.inclusion_tag("webinars/includes/upcoming_webinars.html", takes_context=True)
def upcoming_webinars(context, count=3):
    """The next `count` webinars below this home page that the person may open.

    A fixed number of queries however many webinars there are: the listing, then the
    webinars with their speakers and themes (WebinarIndexPage.for_listing). Wagtail's
    privacy and members-only areas are core.access's answer for this person, from the
    closed areas the page has already loaded (so no `.public()` query of its own).
    """
    # Imported here: template tag modules load before the app registry is ready.
    from webinars.models import WebinarIndexPage, WebinarPage
    from webinars.models.pages import speakers_in_own_language

    request, page = context.get("request"), context.get("page")
    empty = {"listing": None, "webinars": [], "request": request}
    if request is None or page is None:
        return empty
    listings = access.live_now(WebinarIndexPage.objects.child_of(page))
    listing = access.exclude_closed(request, listings).first()
    if listing is None:
        return empty
    upcoming = access.live_now(WebinarPage.objects.child_of(listing)).upcoming()
    webinars = WebinarIndexPage.for_listing(upcoming.filter(cancelled=False))
    webinars = list(access.exclude_closed(request, webinars)[: int(count)])
    speakers_in_own_language(webinars, relations=("speakers",))
    return {"listing": listing, "webinars": webinars, "request": request}
