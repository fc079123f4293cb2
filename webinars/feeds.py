"""RSS and Atom feeds of a webinar listing (Django's syndication framework).

A feed reader sends no cookies, so a feed lists what a visitor may open: webinars under a
members-only listing are left out (core.access.exclude_closed). Speakers are named only
with their consent.
"""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core import access
from core.feeds import ListingFeed

from . import calendars

FEED_LENGTH = 30


class WebinarFeed(ListingFeed):
    def description(self):
        return self.index_page.summary or _("Webinars of the Community of Action.")

    def items(self):
        # A sub-route skips the page's serve(): asking here marks a members-only listing's
        # response private, so what a signed-in member's browser gets is kept by no cache.
        access.page_verdict(self.request, self.index_page)
        webinars = self.index_page.for_listing(self.index_page.webinars()).order_by(
            "-start", "-pk"
        )
        return list(access.exclude_closed(self.request, webinars)[:FEED_LENGTH])

    def item_title(self, item):
        title = _("%(title)s (%(when)s)") % {
            "title": item.title,
            "when": calendars.spoken_time(item),
        }
        if item.cancelled:
            return _("Cancelled: %(title)s") % {"title": title}
        return title

    def item_description(self, item):
        parts = [item.summary] if item.summary else []
        names = [speaker.name for speaker in item.shown_speakers() if speaker.named]
        chair = item.shown_chair()
        if chair and chair.named:
            parts.append(_("Chair: %(name)s") % {"name": chair.name})
        if names:
            parts.append(_("Speakers: %(names)s") % {"names": ", ".join(names)})
        if item.content_note:
            parts.append(_("Content note: %(note)s") % {"note": item.content_note})
        return "\n".join(parts)

    def item_categories(self, item):
        return [tag.name for tag in item.themes.all()]


class WebinarAtomFeed(WebinarFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
