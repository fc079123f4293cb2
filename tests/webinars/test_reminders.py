"""The reminder a day before: sent once to each person with a place, by the timer's command or
by the task queued for that time."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks import default_task_backend
from icalendar import Calendar

from webinars import registration, tasks
from webinars.models import Registration

from ..members.factories import approved_member
from .factories import WebinarFactory, register

Status = Registration.Status
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def tomorrow(listing):
    """A webinar starting in 20 hours: its reminders are due."""
    return WebinarFactory(parent=listing, title="Tomorrow's", starts_in=timedelta(hours=20))


def reminded(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox if "Reminder" in m.subject)


class TestSendDueReminders:
    def test_each_person_with_a_place_is_reminded_once(self, tomorrow, mailoutbox):
        first, second = approved_member(), approved_member()
        register(tomorrow, first)
        register(tomorrow, second)

        assert tasks.send_due_reminders() == 2
        assert tasks.send_due_reminders() == 0

        assert reminded(mailoutbox) == sorted([first.email, second.email])
        assert Registration.objects.filter(reminded_at__isnull=True).count() == 0

    def test_the_reminder_has_the_joining_link_and_a_calendar_file(
        self, tomorrow, member, mailoutbox
    ):
        register(tomorrow, member)

        tasks.send_due_reminders()

        (message,) = mailoutbox
        assert tomorrow.joining_link in message.body
        ((_name, content, _type),) = message.attachments
        (event,) = Calendar.from_ical(content).events
        assert event["summary"] == tomorrow.title

    def test_nobody_waiting_or_cancelled_is_reminded(self, tomorrow, mailoutbox):
        register(tomorrow, approved_member(), status=Status.WAITING)
        register(tomorrow, approved_member(), status=Status.CANCELLED)

        assert tasks.send_due_reminders() == 0
        assert mailoutbox == []

    def test_webinars_on_other_days_wait_their_turn(self, listing, member, mailoutbox):
        in_three_days = WebinarFactory(parent=listing, starts_in=timedelta(days=3))
        started = WebinarFactory(parent=listing, starts_in=-timedelta(minutes=5))
        register(in_three_days, member)
        register(started, member)

        assert tasks.send_due_reminders() == 0
        # Two days later the first is due.
        later = timezone.now() + timedelta(days=2, hours=1)
        assert tasks.send_due_reminders(now=later) == 1
        assert reminded(mailoutbox) == [member.email]

    def test_a_cancelled_webinar_sends_no_reminder(self, tomorrow, member, mailoutbox):
        register(tomorrow, member)
        registration.cancel_webinar(tomorrow, "Unwell")
        mailoutbox.clear()

        assert tasks.send_due_reminders() == 0
        assert mailoutbox == []

    def test_a_suspended_member_is_reminded_only_if_reinstated_in_time(
        self, tomorrow, member, editor, mailoutbox
    ):
        register(tomorrow, member)
        profile = member.member_profile
        profile.suspend(by=editor, reason="A pause", notify=False)

        assert tasks.send_due_reminders() == 0

        profile.reinstate(by=editor, notify=False)
        assert tasks.send_due_reminders() == 1
        assert reminded(mailoutbox) == [member.email]

    def test_registering_again_after_a_reminder_gets_a_new_one(self, tomorrow, member, mailoutbox):
        registration.register(tomorrow, member)
        tasks.send_due_reminders()
        registration.cancel(tomorrow, member)
        registration.register(tomorrow, member)

        assert tasks.send_due_reminders() == 1


class TestTheTimersCommand:
    def test_it_sends_what_is_due_and_says_how_many(self, tomorrow, member, mailoutbox):
        register(tomorrow, member)
        out = StringIO()

        call_command("send_webinar_reminders", stdout=out)
        call_command("send_webinar_reminders", stdout=out)

        assert out.getvalue().splitlines() == [
            "Webinar reminders sent: 1",
            "Webinar reminders sent: 0",
        ]
        assert reminded(mailoutbox) == [member.email]


class TestScheduling:
    def test_a_deferring_backend_gets_the_task_for_a_day_before(self, settings, upcoming):
        settings.TASKS = DUMMY

        result = tasks.schedule_reminders(upcoming)

        assert result.task.name == "send_reminders"
        assert result.task.run_after == upcoming.start - timedelta(hours=24)
        assert [r.task.run_after for r in default_task_backend.results] == [
            upcoming.start - timedelta(hours=24)
        ]

    def test_within_a_day_it_runs_straight_away(self, settings, listing):
        settings.TASKS = DUMMY
        soon = WebinarFactory(parent=listing, starts_in=timedelta(hours=5))
        now = timezone.now()

        result = tasks.schedule_reminders(soon, now=now)

        assert result.task.run_after == now

    def test_publishing_a_webinar_schedules_its_reminders(self, settings, listing):
        settings.TASKS = DUMMY
        webinar = WebinarFactory(parent=listing, starts_in=timedelta(days=5))

        queued = [r for r in default_task_backend.results if r.task.name == "send_reminders"]

        assert [r.task.run_after for r in queued] == [webinar.start - timedelta(hours=24)]

    def test_the_queued_task_sends_the_reminders_when_it_runs(self, tomorrow, member, mailoutbox):
        register(tomorrow, member)

        tasks.send_reminders.call()

        assert reminded(mailoutbox) == [member.email]

    @pytest.mark.parametrize("case", ["cancelled", "started"])
    def test_nothing_is_scheduled_for_a_webinar_that_will_not_run(self, settings, listing, case):
        webinar = WebinarFactory(
            parent=listing,
            starts_in=timedelta(days=3) if case == "cancelled" else -timedelta(hours=1),
        )
        if case == "cancelled":
            registration.cancel_webinar(webinar)
        settings.TASKS = DUMMY

        assert tasks.schedule_reminders(webinar) is None
        assert default_task_backend.results == []

    def test_an_immediate_backend_is_left_to_the_timer(self, upcoming, member, mailoutbox):
        register(upcoming, member)

        assert tasks.schedule_reminders(upcoming) is None
        assert mailoutbox == []
        assert Registration.objects.get(member=member).reminded_at is None
