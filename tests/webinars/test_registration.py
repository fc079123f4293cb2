"""Registering, cancelling and the waiting list, through the page's routes and the rules."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from wagtail.models import Locale

import pytest
from icalendar import Calendar

from webinars import registration
from webinars.models import Registration

from ..members.factories import approved_member
from .factories import WebinarFactory, register

Status = Registration.Status


@pytest.fixture
def register_url(upcoming):
    return upcoming.url + "register/"


@pytest.fixture
def cancel_url(upcoming):
    return upcoming.url + "cancel-registration/"


@pytest.fixture
def small(listing):
    """A webinar with two places."""
    return WebinarFactory(parent=listing, slug="small", capacity=2)


def messages_of(response):
    """The messages waiting to be shown after `response` (unread ones from before too)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def last_message(response):
    return messages_of(response)[-1]


def rows(webinar):
    return list(
        Registration.objects.filter(webinar=webinar)
        .order_by("queued_at", "pk")
        .values_list("member__email", "status")
    )


class TestRegisteringThroughThePage:
    def test_a_member_registers_with_one_click_and_is_told_they_have_a_place(
        self, signed_in, member, upcoming, register_url, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in(member).post(register_url)

        assert response.status_code == 302
        assert response["Location"] == upcoming.url + "#registration"
        assert rows(upcoming) == [(member.email, Status.CONFIRMED)]
        assert messages_of(response) == [str(registration.MESSAGES["registered"])]

    def test_the_joining_link_is_on_the_page_only_once_registered(
        self, signed_in, member, upcoming, register_url
    ):
        client = signed_in(member)
        before = client.get(upcoming.url)
        client.post(register_url)
        after = client.get(upcoming.url)

        assert before.context["registration"] is None
        assert upcoming.joining_link not in before.content.decode()
        assert after.context["registration"].has_place
        assert upcoming.joining_link in after.content.decode()

    def test_a_double_click_gives_one_registration_and_one_email(
        self,
        signed_in,
        member,
        upcoming,
        register_url,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        client = signed_in(member)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(register_url)
        with django_capture_on_commit_callbacks(execute=True):
            second = client.post(register_url)

        assert rows(upcoming) == [(member.email, Status.CONFIRMED)]
        assert last_message(second) == "You already have a place at this webinar."
        assert len(mailoutbox) == 1

    def test_a_member_cancels_then_registers_again(
        self, signed_in, member, upcoming, register_url, cancel_url
    ):
        client = signed_in(member)
        client.post(register_url)
        cancelled = client.post(cancel_url)

        assert rows(upcoming) == [(member.email, Status.CANCELLED)]
        assert "Your registration is cancelled" in last_message(cancelled)
        assert client.get(upcoming.url).context["registration"] is None

        client.post(register_url)
        assert rows(upcoming) == [(member.email, Status.CONFIRMED)]

    def test_a_visitor_is_sent_to_sign_in_and_back_to_the_page(self, client, register_url):
        response = client.post(register_url)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert "register" not in response["Location"]
        assert Registration.objects.count() == 0

    @pytest.mark.parametrize(
        "person, status_text",
        [
            ("pending", "waiting for approval"),
            ("declined", "This is for approved members"),
            ("suspended", "Your membership is paused"),
        ],
    )
    def test_people_who_are_not_approved_see_their_real_status(
        self, signed_in, people, register_url, person, status_text
    ):
        response = signed_in(people[person]).post(register_url)

        assert response.status_code == 403
        assert status_text in response.content.decode()
        assert Registration.objects.count() == 0

    def test_opening_the_register_address_in_a_browser_goes_back_to_the_page(
        self, signed_in, member, upcoming, register_url
    ):
        response = signed_in(member).get(register_url)

        assert response.status_code == 302
        assert response["Location"] == upcoming.url + "#registration"
        assert Registration.objects.count() == 0

    def test_cancelling_without_a_registration_says_so_kindly(
        self, signed_in, member, upcoming, cancel_url
    ):
        other = approved_member()
        register(upcoming, other)

        response = signed_in(member).post(cancel_url)

        assert response.status_code == 302
        assert messages_of(response) == ["You do not have a registration for this webinar."]
        assert rows(upcoming) == [(other.email, Status.CONFIRMED)]


class TestClosedWebinars:
    @pytest.mark.parametrize(
        "make, message",
        [
            (
                lambda listing: WebinarFactory(parent=listing, starts_in=-timedelta(days=3)),
                "This webinar has taken place, so it is not taking registrations.",
            ),
            (
                lambda listing: WebinarFactory(parent=listing, starts_in=-timedelta(minutes=10)),
                "This webinar has already started, so registration has closed.",
            ),
            (
                lambda listing: WebinarFactory(parent=listing, registration_open=False),
                "Registration for this webinar is not open.",
            ),
        ],
        ids=["past", "started", "closed"],
    )
    def test_registering_gives_a_clear_message_not_an_error(
        self, signed_in, member, listing, make, message
    ):
        webinar = make(listing)

        response = signed_in(member).post(webinar.url + "register/")

        assert response.status_code == 302
        assert messages_of(response) == [message]
        assert Registration.objects.count() == 0
        with pytest.raises(registration.NotOpen) as refused:
            registration.register(webinar, member)
        assert str(refused.value) == message

    def test_a_cancelled_webinar_takes_no_registrations(
        self, signed_in, member, upcoming, register_url
    ):
        registration.cancel_webinar(upcoming, "The speaker is unwell.")

        response = signed_in(member).post(register_url)

        assert messages_of(response) == [
            "This webinar has been cancelled, so it is not taking registrations."
        ]
        assert Registration.objects.count() == 0
        with pytest.raises(registration.NotOpen):
            registration.register(upcoming, member)

    def test_a_place_cannot_be_given_up_once_the_webinar_has_started(
        self, signed_in, member, listing
    ):
        webinar = WebinarFactory(parent=listing, starts_in=-timedelta(minutes=10))
        register(webinar, member)

        response = signed_in(member).post(webinar.url + "cancel-registration/")

        assert messages_of(response) == [
            "This webinar has already started, so registrations can no longer change."
        ]
        assert rows(webinar) == [(member.email, Status.CONFIRMED)]

    def test_only_approved_members_can_register_by_the_rule_itself(self, upcoming, pending_member):
        with pytest.raises(registration.NotOpen):
            registration.register(upcoming, pending_member)


class TestWaitingList:
    def test_when_full_members_join_the_waiting_list_in_order_and_hear_their_place(
        self, small, signed_in
    ):
        people = [approved_member() for _ in range(4)]
        messages = []
        for person in people:
            messages.append(messages_of(signed_in(person).post(small.url + "register/")))

        assert [status for _email, status in rows(small)] == [
            Status.CONFIRMED,
            Status.CONFIRMED,
            Status.WAITING,
            Status.WAITING,
        ]
        assert "number 1 in the queue" in messages[2][0]
        assert "number 2 in the queue" in messages[3][0]

    def test_registering_again_while_waiting_says_where_they_are(self, small):
        people = [approved_member() for _ in range(3)]
        for person in people:
            registration.register(small, person)

        again = registration.register(small, people[2])

        assert again.outcome == registration.Outcome.ALREADY_WAITING
        assert again.position == 1
        assert "number 1 in the queue" in again.message

    def test_a_cancellation_promotes_the_first_in_the_queue_and_emails_them_a_calendar(
        self, small, mailoutbox, django_capture_on_commit_callbacks
    ):
        first, second, third, fourth = (approved_member() for _ in range(4))
        now = timezone.now()
        register(small, first)
        register(small, second)
        register(small, third, status=Status.WAITING, queued_at=now - timedelta(hours=2))
        register(small, fourth, status=Status.WAITING, queued_at=now - timedelta(hours=1))

        with django_capture_on_commit_callbacks(execute=True):
            result = registration.cancel(small, first)

        statuses = dict(Registration.objects.filter(webinar=small).values_list("member", "status"))
        assert statuses == {
            first.pk: Status.CANCELLED,
            second.pk: Status.CONFIRMED,
            third.pk: Status.CONFIRMED,
            fourth.pk: Status.WAITING,
        }
        assert [r.member for r in result.promoted] == [third]
        promoted_email = next(m for m in mailoutbox if m.to == [third.email])
        assert "A place has come up" in promoted_email.body
        assert small.joining_link in promoted_email.body
        ((filename, content, mimetype),) = promoted_email.attachments
        assert mimetype == "text/calendar"
        assert Calendar.from_ical(content).events[0]["summary"] == small.title

    def test_leaving_the_waiting_list_gives_nobody_a_place(self, small):
        a, b, c = (approved_member() for _ in range(3))
        for person in (a, b, c):
            registration.register(small, person)

        registration.cancel(small, c)

        assert [s for _e, s in rows(small)] == [
            Status.CONFIRMED,
            Status.CONFIRMED,
            Status.CANCELLED,
        ]

    def test_raising_the_capacity_and_publishing_promotes_the_queue(
        self, small, mailoutbox, django_capture_on_commit_callbacks
    ):
        people = [approved_member() for _ in range(5)]
        for person in people:
            registration.register(small, person)

        small.capacity = 4
        with django_capture_on_commit_callbacks(execute=True):
            small.save_revision().publish()

        assert [s for _e, s in rows(small)] == [Status.CONFIRMED] * 4 + [Status.WAITING]
        promoted = {m.to[0] for m in mailoutbox if "A place has come up" in m.body}
        assert promoted == {people[2].email, people[3].email}

    def test_a_newcomer_does_not_jump_a_queue_left_with_free_places(self, small):
        waiting = approved_member()
        register(small, waiting, status=Status.WAITING)
        newcomer = approved_member()

        result = registration.register(small, newcomer)

        # Two free places: the one waiting is given theirs first, then the newcomer.
        assert Registration.objects.get(member=waiting).status == Status.CONFIRMED
        assert result.outcome == registration.Outcome.REGISTERED

    def test_no_limit_means_no_waiting_list(self, listing):
        webinar = WebinarFactory(parent=listing, capacity=None)
        results = [registration.register(webinar, approved_member()) for _ in range(3)]

        assert {r.outcome for r in results} == {registration.Outcome.REGISTERED}


class TestTranslations:
    def test_registering_on_the_welsh_page_lands_on_the_english_list(
        self, signed_in, member, upcoming
    ):
        welsh = Locale.objects.create(language_code="cy")
        welsh_copy = upcoming.copy_for_translation(welsh, copy_parents=True)
        welsh_copy.save_revision().publish()
        welsh_copy.refresh_from_db()
        other = approved_member()
        register(upcoming, other)

        response = signed_in(member).post(welsh_copy.url + "register/")

        assert welsh_copy.url.startswith("/cy/")
        assert response["Location"] == welsh_copy.url + "#registration"
        assert rows(upcoming) == [
            (other.email, Status.CONFIRMED),
            (member.email, Status.CONFIRMED),
        ]
        assert not Registration.objects.filter(webinar=welsh_copy).exists()
        assert registration.registration_for(welsh_copy, member).has_place
