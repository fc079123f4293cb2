"""RSS and Atom feeds of the stories listing (Django's syndication framework).

A feed reader sends no cookies and a feed is copied on by whoever reads it, so a feed holds
only what a visitor may read in full: live, not retracted stories for everyone (not members
only), each with its content note before its summary, and its teller as the story names
them (`StoryPage.shown_attribution`). A retracted story or one made members only leaves the
feed on the next request.
"""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core import access
from core.feeds import ListingFeed

FEED_LENGTH = 30


class StoryFeed(ListingFeed):
    def description(self):
        return self.index_page.summary or _("Stories from the Community of Action.")

    def items(self):
        stories = (
            self.index_page.stories()
            .filter(members_only=False)
            .defer_streamfields()
            .select_related("teller")
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")
        )
        # Members-only areas are the tree's, whoever asks: none of them is in a feed.
        return [
            story
            for story in stories[:FEED_LENGTH]
            if not access.is_members_only(self.request, story)
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = []
        if item.content_note:
            parts.append(_("Content note: %(note)s") % {"note": item.content_note})
        if item.summary:
            parts.append(item.summary)
        return "\n".join(parts)

    def item_author_name(self, item):
        return item.shown_attribution()

    def item_categories(self, item):
        return [str(item.get_kind_display()), *(theme.name for theme in item.themes.all())]


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
