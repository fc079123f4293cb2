"""The work on a coaching request (coaching.workflow): who coaches, who may give which
status, what a status needs, and what each change sends, once, and to whom."""

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

import pytest

from coaching import workflow
from coaching.models import CoachingRequest
from members import roles

from ..members.factories import approved_member, member_in

pytestmark = pytest.mark.django_db

Status = CoachingRequest.Status


def html_of(message):
    (alternative,) = message.alternatives
    return alternative[0]


def texts(message):
    return [message.subject, message.body, html_of(message)]


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """change(request, status, ...) through the workflow, running what it does on commit."""

    def make(coaching_request, status, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return workflow.change_status(coaching_request, status, **fields)

    return make


# Who coaches ---------------------------------------------------------------------------


class TestCoaches:
    def test_the_coaches_group_and_the_permission_given_directly_both_count(self, coach):
        direct = approved_member(user__first_name="Dee", user__last_name="Direct")
        app_label, codename = roles.COACH_ORGANISATIONS.split(".")
        direct.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
        approved_member()  # a member who does not coach

        assert set(workflow.coaches()) == {coach, direct}

    def test_someone_no_longer_active_is_not_a_coach(self, coach):
        coach.is_active = False
        coach.save()

        assert list(workflow.coaches()) == []

    def test_the_current_coach_stays_a_choice_after_leaving_the_group(self, coach, matched):
        coach.groups.remove(roles.get_group(roles.COACHES))

        assert coach not in workflow.coaches()
        assert coach in workflow.coach_choices(matched)


class TestWhoMayGiveWhichStatus:
    def test_an_editor_may_give_any_status(self, editor, matched):
        assert workflow.statuses_for(editor, matched) == list(Status)

    def test_a_coach_moves_their_request_between_matched_in_progress_and_completed(
        self, coach, matched
    ):
        assert workflow.statuses_for(coach, matched) == [
            Status.MATCHED,
            Status.IN_PROGRESS,
            Status.COMPLETED,
        ]

    def test_a_coach_cannot_move_a_declined_request(self, coach, matched):
        matched.status = Status.DECLINED
        assert workflow.statuses_for(coach, matched) == [Status.DECLINED]

    def test_a_coach_opens_only_their_requests(self, coach, matched, others, unmatched):
        assert list(workflow.requests_for(coach)) == [matched]

    def test_an_editor_opens_every_request(self, editor, matched, others, unmatched):
        assert set(workflow.requests_for(editor)) == {matched, others, unmatched}

    def test_a_member_opens_none(self, member, matched):
        assert list(workflow.requests_for(member)) == []


# What a status needs -------------------------------------------------------------------


class TestWhatAStatusNeeds:
    def test_matching_needs_a_coach(self, unmatched, change):
        with pytest.raises(ValidationError) as refused:
            change(unmatched, Status.MATCHED)

        assert "coach" in refused.value.message_dict
        unmatched.refresh_from_db()
        assert unmatched.status == Status.NEW
        assert mail.outbox == []

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_declining_needs_a_reason(self, unmatched, change, reason):
        with pytest.raises(ValidationError) as refused:
            change(unmatched, Status.DECLINED, decline_reason=reason)

        assert "decline_reason" in refused.value.message_dict
        unmatched.refresh_from_db()
        assert unmatched.status == Status.NEW
        assert mail.outbox == []


# What each change sends ----------------------------------------------------------------


class TestMatching:
    def test_the_coach_is_sent_the_request_and_where_to_find_it(self, unmatched, coach, change):
        change(unmatched, Status.MATCHED, coach=coach)

        (message,) = emails_to(coach.email)
        assert unmatched.reference in message.subject
        assert unmatched.organisation in message.subject
        for text in (message.body, html_of(message)):
            assert "Hello Casey," in text
            assert unmatched.reference in text
            assert unmatched.organisation in text
            assert "want to know what to change first" in text
            assert "Sam Example" in text and "sam@example.org" in text
            assert f"/admin/coaching-requests/edit/{unmatched.pk}/" in text

    def test_the_contact_is_told_kindly_a_coach_will_be_in_touch(self, unmatched, coach, change):
        change(unmatched, Status.MATCHED, coach=coach)

        (message,) = emails_to("sam@example.org")
        assert unmatched.reference in message.subject
        for text in (message.body, html_of(message)):
            assert "Hello Sam Example," in text
            assert unmatched.organisation in text
            assert unmatched.reference in text
            assert "coach" in text and "in touch" in message.subject
            # The coach writes first, from their own address: it is not given out here.
            assert coach.email not in text
            assert "Casey" not in text

    def test_saving_again_sends_nothing_more(self, unmatched, coach, change):
        change(unmatched, Status.MATCHED, coach=coach)
        change(unmatched, Status.MATCHED, coach=coach)
        change(unmatched, Status.IN_PROGRESS)

        assert len(mail.outbox) == 2

    def test_going_straight_to_in_progress_counts_as_matching(self, unmatched, coach, change):
        change(unmatched, Status.IN_PROGRESS, coach=coach)

        assert len(emails_to(coach.email)) == 1
        assert len(emails_to("sam@example.org")) == 1

    def test_a_new_coach_is_sent_it_and_the_contact_is_not_told_again(
        self, matched, other_coach, change
    ):
        change(matched, Status.MATCHED, coach=other_coach)

        (message,) = mail.outbox
        assert message.to == [other_coach.email]

    def test_nothing_goes_to_a_contact_whose_details_were_deleted(self, unmatched, coach, change):
        CoachingRequest.objects.filter(pk=unmatched.pk).update(contact_name="", contact_email="")
        unmatched.refresh_from_db()

        emails = change(unmatched, Status.MATCHED, coach=coach)

        assert emails == [workflow.COACH_MATCHED]
        assert [message.to for message in mail.outbox] == [[coach.email]]

    def test_nothing_is_sent_for_a_change_rolled_back(
        self, unmatched, coach, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            workflow.change_status(unmatched, Status.MATCHED, coach=coach)
            raise RuntimeError("something else failed")

        unmatched.refresh_from_db()
        assert unmatched.status == Status.NEW
        assert mail.outbox == []


class TestDeclining:
    REASON = (
        "We are sorry: our coaches do not yet cover prisons. The Prison Reform Trust may "
        "be able to help."
    )

    def test_the_contact_is_sent_the_reason(self, unmatched, change):
        change(unmatched, Status.DECLINED, decline_reason=self.REASON)

        (message,) = mail.outbox
        assert message.to == ["sam@example.org"]
        assert unmatched.reference in message.subject
        for text in (message.body, html_of(message)):
            assert "Hello Sam Example," in text
            assert unmatched.organisation in text
            assert "The Prison Reform Trust may be able to help." in text
            assert "welcome to ask again" in text

    def test_saving_again_sends_nothing_more(self, unmatched, change):
        change(unmatched, Status.DECLINED, decline_reason=self.REASON)
        change(unmatched, Status.DECLINED, decline_reason=self.REASON + " Good luck.")

        assert len(mail.outbox) == 1


class TestCompleting:
    def test_the_contact_is_thanked_and_sent_the_feedback_form(self, matched, change):
        change(matched, Status.COMPLETED)

        matched.refresh_from_db()
        assert matched.completed_at is not None
        assert matched.feedback_requested_at is not None
        (message,) = emails_to(matched.contact_email)
        assert matched.reference in message.subject
        for text in (message.body, html_of(message)):
            assert matched.organisation in text
            assert "Thank you" in text
            assert f"/coaching/feedback/{matched.feedback_token}/" in text

    def test_the_feedback_form_is_sent_once_even_if_completed_again(self, matched, change):
        change(matched, Status.COMPLETED)
        change(matched, Status.COMPLETED)
        change(matched, Status.IN_PROGRESS)
        matched.refresh_from_db()
        assert matched.completed_at is None
        change(matched, Status.COMPLETED)

        assert len(emails_to(matched.contact_email)) == 1
        matched.refresh_from_db()
        assert matched.completed_at is not None

    def test_completing_sends_nothing_to_the_coach(self, matched, coach, change):
        change(matched, Status.COMPLETED)

        assert emails_to(coach.email) == []


def test_a_coach_who_has_left_gets_no_email(unmatched, change):
    gone = member_in(roles.COACHES, user__email="gone@example.org")
    gone.is_active = False
    gone.save()

    change(unmatched, Status.MATCHED, coach=gone)

    assert emails_to("gone@example.org") == []
    assert len(emails_to("sam@example.org")) == 1
