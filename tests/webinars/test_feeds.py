"""The listing's RSS and Atom feeds: valid XML, the webinars, consent, members-only areas."""

from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from webinars import registration
from webinars.consent import Use

from .factories import SpeakerFactory, WebinarFactory

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["rss", "atom"]


def feed_url(listing, kind):
    return listing.url + ("feed/" if kind == "rss" else "feed/atom/")


def entries(client, listing, kind):
    """[(title, link, description)] of the feed's items, after checking it is valid XML."""
    response = client.get(feed_url(listing, kind))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    if kind == "rss":
        assert response["Content-Type"].startswith("application/rss+xml")
        return [
            (item.findtext("title"), item.findtext("link"), item.findtext("description"))
            for item in root.iter("item")
        ]
    assert response["Content-Type"].startswith("application/atom+xml")
    return [
        (
            entry.findtext(f"{ATOM}title"),
            entry.find(f"{ATOM}link").get("href"),
            entry.findtext(f"{ATOM}summary"),
        )
        for entry in root.iter(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("kind", FEEDS)
class TestFeeds:
    def test_it_lists_the_webinars_with_their_time_and_page(
        self, client, listing, upcoming, past, kind
    ):
        items = entries(client, listing, kind)

        titles = [title for title, _link, _text in items]
        assert len(items) == 2
        assert titles[0].startswith(upcoming.title)
        assert titles[1].startswith(past.title)
        assert [link for _t, link, _d in items][0].endswith("/webinars/older-people/")

    def test_the_time_is_said_in_uk_time(self, client, listing, kind):
        WebinarFactory(
            parent=listing,
            title="Summer",
            start=datetime(2030, 6, 11, 13, tzinfo=ZoneInfo("Europe/London")),
        )

        ((title, _link, _text),) = entries(client, listing, kind)

        assert title == "Summer (Tuesday 11 June 2030, 1pm to 2:30pm BST)"

    def test_speakers_are_named_only_with_consent(self, client, listing, kind):
        WebinarFactory(
            parent=listing,
            chair=SpeakerFactory(name="Chris Chair", consent=[Use.BIO]),
            speakers=[
                SpeakerFactory(name="Priya Named"),
                SpeakerFactory(name="Secret Person", consent=[Use.BIO, Use.PHOTO]),
            ],
        )

        response = client.get(feed_url(listing, kind))
        ((_title, _link, description),) = entries(client, listing, kind)

        assert "Priya Named" in description
        assert b"Secret Person" not in response.content
        assert b"Chris Chair" not in response.content

    def test_a_cancelled_webinar_is_marked(self, client, listing, upcoming, kind):
        registration.cancel_webinar(upcoming, "Unwell")

        ((title, _link, _text),) = entries(client, listing, kind)

        assert title.startswith(f"Cancelled: {upcoming.title}")

    def test_a_members_only_listings_webinars_are_left_out(
        self, client, listing, upcoming, past, kind
    ):
        listing.members_only = True
        listing.save()

        response = client.get(feed_url(listing, kind))

        assert entries(client, listing, kind) == []
        assert upcoming.title.encode() not in response.content

    def test_a_members_browser_gets_them_kept_by_no_cache(
        self, signed_in, member, listing, upcoming, kind
    ):
        listing.members_only = True
        listing.save()
        client = signed_in(member)

        response = client.get(feed_url(listing, kind))

        assert len(entries(client, listing, kind)) == 1
        assert "private" in response["Cache-Control"]

    def test_a_draft_is_not_in_it(self, client, listing, upcoming, kind):
        WebinarFactory(parent=listing, title="Not yet", publish=False, starts_in=timedelta(days=3))

        titles = [title for title, _l, _d in entries(client, listing, kind)]

        assert not any(title.startswith("Not yet") for title in titles)
