"""Calendar files: one webinar's, the listing's subscribable one, and a member's own."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from wagtail.models import Locale

import pytest
from icalendar import Calendar

from webinars import registration
from webinars.consent import Use
from webinars.models import CalendarToken, Registration, WebinarPage

from ..members.factories import approved_member
from .factories import SpeakerFactory, WebinarFactory, register

UK = ZoneInfo("Europe/London")
Status = Registration.Status


def calendar_from(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def event_of(response):
    (event,) = calendar_from(response).events
    return event


def calendar_url(webinar):
    return webinar.url + "calendar/"


def listing_calendar_url(listing):
    return listing.url + "calendar/"


def personal_url(token):
    return reverse("webinars_calendar:personal", args=[token])


class TestOneWebinar:
    def test_the_file_has_what_a_calendar_app_needs(self, client, upcoming):
        calendar = calendar_from(client.get(calendar_url(upcoming)))

        (event,) = calendar.events
        assert event["uid"].startswith(f"webinar-{upcoming.translation_key}@")
        assert event["summary"] == upcoming.title
        assert event["url"] == "http://127.0.0.1:8000/webinars/older-people/"
        assert event.get("dtstamp") is not None
        assert event["sequence"] == 0
        assert event["status"] == "CONFIRMED"
        assert event["dtstart"].params["TZID"] == "Europe/London"
        assert [tz["tzid"] for tz in calendar.timezones] == ["Europe/London"]

    @pytest.mark.parametrize(
        "start, local, utc",
        [
            (datetime(2030, 1, 8, 13, 0, tzinfo=UK), "20300108T130000", (2030, 1, 8, 13, 0)),
            (datetime(2030, 6, 11, 13, 0, tzinfo=UK), "20300611T130000", (2030, 6, 11, 12, 0)),
        ],
        ids=["winter-gmt", "summer-bst"],
    )
    def test_the_start_is_right_in_gmt_and_in_summer_time(
        self, client, listing, start, local, utc
    ):
        webinar = WebinarFactory(parent=listing, start=start, duration=90)

        response = client.get(calendar_url(webinar))
        event = event_of(response)

        assert f"DTSTART;TZID=Europe/London:{local}" in response.content.decode()
        assert event.decoded("dtstart").astimezone(UTC) == datetime(*utc, tzinfo=UTC)
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)

    def test_the_uid_stays_the_same_through_edits_and_languages(self, client, upcoming):
        before = event_of(client.get(calendar_url(upcoming)))["uid"]
        upcoming.title = "A new title"
        upcoming.save_revision().publish()
        welsh_copy = upcoming.copy_for_translation(
            Locale.objects.create(language_code="cy"), copy_parents=True
        )
        welsh_copy.save_revision().publish()
        welsh_copy.refresh_from_db()

        after = event_of(client.get(calendar_url(upcoming)))
        welsh = event_of(client.get(calendar_url(welsh_copy)))

        assert after["summary"] == "A new title"
        assert after["uid"] == before == welsh["uid"]

    def test_the_sequence_rises_when_the_time_changes_and_is_published(self, client, upcoming):
        upcoming.summary = "Only the words changed."
        upcoming.save_revision().publish()
        assert event_of(client.get(calendar_url(upcoming)))["sequence"] == 0

        upcoming = WebinarPage.objects.get(pk=upcoming.pk)
        upcoming.start += timedelta(hours=1)
        upcoming.save_revision().publish()

        event = event_of(client.get(calendar_url(upcoming)))
        assert event["sequence"] == 1
        assert event.decoded("dtstart") == upcoming.start.astimezone(UK)

    def test_a_cancelled_webinar_says_so_with_a_higher_sequence(self, client, upcoming):
        registration.cancel_webinar(upcoming, "The speaker is unwell.")

        event = event_of(client.get(calendar_url(upcoming)))

        assert event["status"] == "CANCELLED"
        assert event["sequence"] == 1

    def test_the_joining_link_only_for_someone_with_a_place(self, signed_in, upcoming):
        with_place, waiting, not_registered = (approved_member() for _ in range(3))
        register(upcoming, with_place)
        register(upcoming, waiting, status=Status.WAITING)
        link = upcoming.joining_link

        def calendar_for(user):
            return signed_in(user).get(calendar_url(upcoming))

        assert link in calendar_for(with_place).content.decode()
        assert event_of(calendar_for(with_place))["location"] == link
        for user in (None, waiting, not_registered):
            response = calendar_for(user)
            assert link not in response.content.decode()
            assert "location" not in event_of(response)

    def test_a_calendar_with_the_joining_link_is_kept_by_no_cache(self, signed_in, upcoming):
        member = approved_member()
        register(upcoming, member)

        response = signed_in(member).get(calendar_url(upcoming))

        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]

    def test_speakers_are_named_only_with_their_consent(self, client, listing):
        webinar = WebinarFactory(
            parent=listing,
            chair=SpeakerFactory(name="Chris Chair", consent=[Use.BIO]),
            speakers=[
                SpeakerFactory(name="Priya Named"),
                SpeakerFactory(name="Secret Person", consent=[Use.PHOTO, Use.BIO]),
            ],
        )

        text = client.get(calendar_url(webinar)).content.decode()

        assert "Priya Named" in text
        assert "Secret Person" not in text
        assert "Chris Chair" not in text

    def test_a_members_only_webinar_sends_a_visitor_to_sign_in(self, client, listing, upcoming):
        listing.members_only = True
        listing.save()

        response = client.get(calendar_url(upcoming))

        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_posting_to_it_is_refused(self, client, upcoming):
        assert client.post(calendar_url(upcoming)).status_code == 405


class TestTheListingsCalendar:
    def test_it_lists_upcoming_webinars_only(self, client, listing, upcoming, past):
        later = WebinarFactory(parent=listing, starts_in=timedelta(days=30))

        calendar = calendar_from(client.get(listing_calendar_url(listing)))

        assert sorted(str(e["summary"]) for e in calendar.events) == sorted(
            [upcoming.title, later.title]
        )
        assert [tz["tzid"] for tz in calendar.timezones] == ["Europe/London"]

    def test_it_has_no_joining_links_and_names_only_with_consent(self, client, listing, upcoming):
        WebinarFactory(parent=listing, speakers=[SpeakerFactory(name="Secret", consent=[])])

        text = client.get(listing_calendar_url(listing)).content.decode()

        assert upcoming.joining_link not in text
        assert "Secret" not in text
        assert "Alex Morgan" in text

    def test_a_cancelled_webinar_stays_in_it_marked_cancelled(self, client, listing, upcoming):
        registration.cancel_webinar(upcoming)

        (event,) = calendar_from(client.get(listing_calendar_url(listing))).events

        assert event["status"] == "CANCELLED"

    def test_a_members_only_listing_gives_a_calendar_app_nothing(self, client, listing, upcoming):
        listing.members_only = True
        listing.save()

        calendar = calendar_from(client.get(listing_calendar_url(listing)))

        assert calendar.events == []
        assert upcoming.title not in client.get(listing_calendar_url(listing)).content.decode()

    def test_a_members_browser_gets_them_privately(self, signed_in, member, listing, upcoming):
        listing.members_only = True
        listing.save()

        response = signed_in(member).get(listing_calendar_url(listing))

        assert [e["summary"] for e in calendar_from(response).events] == [upcoming.title]
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


class TestPersonalCalendar:
    @pytest.fixture
    def token(self, member):
        return CalendarToken.objects.create(member=member).token

    def test_it_lists_the_members_registrations_with_the_joining_link_for_a_place(
        self, client, member, token, listing, upcoming, past
    ):
        waiting_for = WebinarFactory(parent=listing, title="Full one", capacity=1)
        register(waiting_for, approved_member())
        register(waiting_for, member, status=Status.WAITING)
        register(upcoming, member)
        gone = WebinarFactory(parent=listing, title="Changed my mind")
        register(gone, member, status=Status.CANCELLED)
        WebinarFactory(parent=listing, title="Not mine")

        response = client.get(personal_url(token))
        events = {str(e["summary"]): e for e in calendar_from(response).events}

        assert set(events) == {upcoming.title, "Full one"}
        assert events[upcoming.title]["location"] == upcoming.joining_link
        assert "location" not in events["Full one"]
        assert upcoming.joining_link not in events["Full one"]["description"]

    def test_it_sends_private_no_store_headers(self, client, member, token, upcoming):
        register(upcoming, member)

        response = client.get(personal_url(token))

        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"

    def test_it_works_when_the_listing_is_members_only(
        self, client, member, token, listing, upcoming
    ):
        listing.members_only = True
        listing.save()
        register(upcoming, member)

        (event,) = calendar_from(client.get(personal_url(token))).events

        assert event["summary"] == upcoming.title
        assert event["location"] == upcoming.joining_link

    def test_it_empties_while_the_member_is_suspended(
        self, client, member, token, upcoming, editor
    ):
        register(upcoming, member)
        member.member_profile.suspend(by=editor, reason="A pause", notify=False)

        calendar = calendar_from(client.get(personal_url(token)))

        assert calendar.events == []
        assert upcoming.joining_link not in client.get(personal_url(token)).content.decode()

    def test_an_unknown_token_is_not_found(self, client, token):
        assert client.get(personal_url("not-a-real-token")).status_code == 404

    def test_resetting_the_address_closes_the_old_one(self, signed_in, member, token, upcoming):
        register(upcoming, member)
        client = signed_in(member)

        response = client.post(reverse("webinars:mine"), {"action": "reset"})
        new_token = CalendarToken.objects.get(member=member).token

        assert response.status_code == 302
        assert new_token != token
        client.logout()
        assert client.get(personal_url(token)).status_code == 404
        (event,) = calendar_from(client.get(personal_url(new_token))).events
        assert event["summary"] == upcoming.title

    def test_a_deactivated_account_has_no_calendar(self, client, member, token):
        member.is_active = False
        member.save()

        assert client.get(personal_url(token)).status_code == 404

    def test_it_does_not_depend_on_who_is_signed_in_in_the_browser(
        self, signed_in, member, token, upcoming
    ):
        register(upcoming, member)
        someone_else = approved_member()

        response = signed_in(someone_else).get(personal_url(token))

        (event,) = calendar_from(response).events
        assert event["summary"] == upcoming.title
