"""The emails registrants get: what each says, who it names, and the calendar file with it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from wagtail.models import Site

import pytest
from icalendar import Calendar

from core.models import ContactSettings
from webinars import emails, registration
from webinars.consent import Use
from webinars.models import Registration

from ..members.factories import MemberProfileFactory, approved_member
from .factories import SpeakerFactory, WebinarFactory, register

UK = ZoneInfo("Europe/London")
Status = Registration.Status
PREFIX = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
WHEN = "Tuesday 8 January 2030, 1pm to 2:30pm GMT"

SUBJECTS = {
    "registered": "Your place at a webinar",
    "waiting": "You are on a webinar waiting list",
    "promoted": "A webinar place has come up for you",
    "cancelled": "Your webinar registration is cancelled",
    "webinar_cancelled": "A webinar has been cancelled",
    "changed": "A webinar you registered for has changed",
    "reminder": "Reminder: your webinar is coming up",
}
#: What each email says in its own words (plain text and HTML alike).
SAYS = {
    "registered": "You have a place at this webinar.",
    "waiting": "so you are on its waiting list",
    "promoted": "A place has come up at this webinar, and it is yours.",
    "cancelled": "you can register again",
    "webinar_cancelled": "we have had to cancel this webinar",
    "changed": "The details of this webinar have changed.",
    "reminder": "This is a reminder",
}
WITH_PLACE = {"registered", "promoted", "changed", "reminder"}
STATUS_FOR = {"waiting": Status.WAITING, "cancelled": Status.CANCELLED}


@pytest.fixture
def contact(home_page):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.contact_email = "hello@example.org"
    contact.save()
    return contact


@pytest.fixture
def named():
    return SpeakerFactory(name="Priya Named")


@pytest.fixture
def unnamed():
    """Has agreed to their biography only: their name appears nowhere."""
    return SpeakerFactory(name="Secret Person", consent=[Use.BIO])


@pytest.fixture
def webinar(listing, named, unnamed):
    return WebinarFactory(
        parent=listing,
        title="Safety and trust at work",
        slug="safety-and-trust",
        start=datetime(2030, 1, 8, 13, 0, tzinfo=UK),
        chair=SpeakerFactory(name="Chris Chair", consent=[]),
        speakers=[named, unnamed],
        will_be_recorded=True,
        content_note="workplace bullying",
    )


def send(webinar, member, kind):
    row = register(webinar, member, status=STATUS_FOR.get(kind, Status.CONFIRMED))
    if kind == "webinar_cancelled":
        registration.cancel_webinar(webinar, "Our speaker is unwell.")
        row.refresh_from_db()
    assert emails.send_registration_email(row, kind)


def html_of(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_of(message):
    files = [a for a in message.attachments if a[2] == "text/calendar"]
    if not files:
        return None
    ((filename, content, _type),) = files
    assert filename == "safety-and-trust.ics"
    return Calendar.from_ical(content)


@pytest.mark.parametrize("kind", emails.KINDS)
class TestEveryKind:
    def test_it_says_what_when_where_and_who_to_talk_to(
        self, kind, webinar, member, mailoutbox, contact
    ):
        send(webinar, member, kind)

        (message,) = mailoutbox
        assert message.to == [member.email]
        assert message.subject == PREFIX + SUBJECTS[kind]
        assert webinar.title not in message.subject
        for text in (message.body, html_of(message)):
            assert "Hello Jo," in text
            assert SAYS[kind] in text
            assert webinar.title in text
            assert WHEN in text
            assert "http://127.0.0.1:8000/webinars/safety-and-trust/" in text
            assert "Sam Taylor" in text and "wellbeing@example.org" in text
            assert "Priya Named" in text
            assert "Content note: workplace bullying" in text
            assert "hello@example.org" in text
            assert "Community of Action" in text
            if kind == "webinar_cancelled":
                assert "no recording" in text
                assert "Our speaker is unwell." in text
            else:
                assert "This session will be recorded." in text

    def test_no_name_without_consent_anywhere_in_it(self, kind, webinar, member, mailoutbox):
        send(webinar, member, kind)

        (message,) = mailoutbox
        calendar = calendar_of(message)
        shown = [message.subject, message.body, html_of(message)]
        if calendar is not None:
            shown.append(calendar.to_ical().decode())
        for text in shown:
            assert "Secret Person" not in text
            assert "Chris Chair" not in text
        assert "a speaker who has asked not to be named" in message.body

    def test_the_joining_link_only_with_a_place(self, kind, webinar, member, mailoutbox):
        send(webinar, member, kind)

        (message,) = mailoutbox
        calendar = calendar_of(message)
        has_link = webinar.joining_link in message.body
        assert has_link == (kind in WITH_PLACE)
        assert (webinar.joining_link in html_of(message)) == has_link
        if calendar is not None:
            assert (webinar.joining_link in calendar.to_ical().decode()) == has_link

    def test_the_calendar_file_parses_and_holds_the_webinar(
        self, kind, webinar, member, mailoutbox
    ):
        send(webinar, member, kind)

        (message,) = mailoutbox
        calendar = calendar_of(message)
        if kind in {"waiting", "cancelled"}:
            assert calendar is None
            assert "calendar file is attached" not in message.body
            return
        (event,) = calendar.events
        assert event["summary"] == webinar.title
        assert event.decoded("dtstart") == datetime(2030, 1, 8, 13, 0, tzinfo=UK)
        assert event["dtstart"].params["TZID"] == "Europe/London"
        assert "calendar file" in message.body
        if kind == "webinar_cancelled":
            assert event["status"] == "CANCELLED"
            assert event["sequence"] == 1
        else:
            assert event["status"] == "CONFIRMED"


def test_the_time_is_said_in_summer_time_in_june(listing, member, mailoutbox):
    webinar = WebinarFactory(
        parent=listing, start=datetime(2030, 6, 11, 9, 30, tzinfo=UK), duration=60
    )
    send(webinar, member, "registered")

    assert "Tuesday 11 June 2030, 9:30am to 10:30am BST" in mailoutbox[0].body


def test_registering_sends_the_confirmation_after_the_commit(
    webinar, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        registration.register(webinar, member)
    assert mailoutbox == []

    for callback in callbacks:
        callback()

    (message,) = mailoutbox
    assert message.subject == PREFIX + SUBJECTS["registered"]
    (event,) = calendar_of(message).events
    assert event["location"] == webinar.joining_link


def test_joining_the_waiting_list_sends_the_waiting_email_without_a_link(
    listing, mailoutbox, django_capture_on_commit_callbacks
):
    webinar = WebinarFactory(parent=listing, capacity=1)
    register(webinar, approved_member())
    member = approved_member()

    with django_capture_on_commit_callbacks(execute=True):
        registration.register(webinar, member)

    (message,) = mailoutbox
    assert message.subject == PREFIX + SUBJECTS["waiting"]
    assert webinar.joining_link not in message.body
    assert message.attachments == []


def test_a_change_tells_the_waiting_list_they_are_still_on_it_without_a_calendar(
    webinar, mailoutbox
):
    waiting = register(webinar, approved_member(), status=Status.WAITING)

    emails.send_registration_email(waiting, "changed")

    (message,) = mailoutbox
    assert "You are still on the waiting list" in message.body
    assert webinar.joining_link not in message.body
    assert message.attachments == []


def test_a_suspended_member_with_a_place_is_not_sent_the_joining_link(webinar, mailoutbox):
    from members.models import MemberProfile

    suspended = MemberProfileFactory(status=MemberProfile.Status.SUSPENDED).user
    row = register(webinar, suspended)

    emails.send_registration_email(row, "changed")

    assert webinar.joining_link not in mailoutbox[0].body
    assert webinar.joining_link not in calendar_of(mailoutbox[0]).to_ical().decode()


def test_cancelling_a_webinar_emails_everyone_registered_or_waiting(
    webinar, mailoutbox, django_capture_on_commit_callbacks
):
    with_place = register(webinar, approved_member())
    waiting = register(webinar, approved_member(), status=Status.WAITING)
    gone = register(webinar, approved_member(), status=Status.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        told = registration.cancel_webinar(webinar, "Our speaker is unwell.")

    assert told == 2
    by_person = {message.to[0]: message for message in mailoutbox}
    assert set(by_person) == {with_place.member.email, waiting.member.email}
    assert gone.member.email not in by_person
    (event,) = calendar_of(by_person[with_place.member.email]).events
    assert event["status"] == "CANCELLED"
    assert by_person[waiting.member.email].attachments == []
    # Cancelling twice tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert registration.cancel_webinar(webinar, "Again") == 0
    assert len(mailoutbox) == 2


def test_a_member_with_no_email_address_is_not_sent_anything(webinar, mailoutbox):
    member = approved_member(user__email="")
    row = register(webinar, member)

    assert emails.send_registration_email(row, "reminder") is False
    assert mailoutbox == []


def test_an_unknown_kind_is_a_programming_error(webinar, member):
    row = register(webinar, member)

    with pytest.raises(ValueError):
        emails.send_registration_email(row, "surprise")
