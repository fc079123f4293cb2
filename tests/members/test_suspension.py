"""Editors suspend and reinstate members; a suspension closes members' areas, kindly, and
ends by itself on its end date (`manage.py end_suspensions`)."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.access import Verdict
from members import roles
from members.models import MemberProfile, User

from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    site_home_page,
)
from .factories import MemberProfileFactory, UserFactory, approved_member

pytestmark = pytest.mark.django_db

REASON = "Several members asked us to look at posts in the Practice board. Please reply to talk."


def in_members_group(user):
    return user.groups.filter(name=roles.MEMBERS).exists()


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def suspended_member(until=None, reason=REASON):
    user = approved_member()
    user.member_profile.suspend(by=None, reason=reason, until=until, notify=False)
    return user


def suspend_url(profile):
    return reverse("members_admin:suspend", args=[profile.pk])


def reinstate_url(profile):
    return reverse("members_admin:reinstate", args=[profile.pk])


class TestSuspendInTheAdmin:
    def test_suspending_pauses_membership_records_who_and_emails_the_reason(
        self, signed_in, editor, mailoutbox
    ):
        user = approved_member(user=UserFactory(first_name="Ruth", email="ruth@example.org"))
        profile = user.member_profile
        end = days_from_today(14)

        response = signed_in(editor).post(
            suspend_url(profile), {"reason": REASON, "until": end.isoformat()}
        )

        assertRedirects(response, reverse("members_admin:list"))
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.SUSPENDED
        assert profile.suspension_reason == REASON
        assert timezone.localtime(profile.suspended_until).date() == end
        assert profile.decided_by == editor
        assert profile.access_standing == Verdict.SUSPENDED
        assert not in_members_group(user)
        assert not user.is_approved_member
        email = mailoutbox[0]
        assert email.to == ["ruth@example.org"]
        assert "Hello Ruth" in email.body
        assert "paused" in email.subject
        assert REASON in email.body
        assert REASON in email.alternatives[0][0]
        assert f"{end.day} {end:%B %Y}" in email.body

    def test_suspending_without_an_end_date_lasts_until_reinstated(
        self, signed_in, editor, member, mailoutbox
    ):
        profile = member.member_profile

        signed_in(editor).post(suspend_url(profile), {"reason": REASON, "until": ""})

        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.SUSPENDED
        assert profile.suspended_until is None
        assert "when your membership is open again" in mailoutbox[0].body

    @pytest.mark.parametrize(
        "until, error",
        [
            (days_from_today(0).isoformat(), "The end date must be in the future"),
            (days_from_today(-3).isoformat(), "The end date must be in the future"),
            ("31-31-2031", "Enter the end date as a date"),
        ],
    )
    def test_an_end_date_not_in_the_future_is_refused_and_the_form_shown_again(
        self, signed_in, editor, member, mailoutbox, until, error
    ):
        profile = member.member_profile

        response = signed_in(editor).post(suspend_url(profile), {"reason": REASON, "until": until})

        assertContains(response, error)
        assertContains(response, "Please correct the errors below")
        assertContains(response, REASON)  # what they typed is kept
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.APPROVED
        assert mailoutbox == []

    def test_a_reason_is_required(self, signed_in, editor, member, mailoutbox):
        response = signed_in(editor).post(suspend_url(member.member_profile), {"reason": "  "})

        assertContains(response, "Enter the reason for pausing their membership")
        assert MemberProfile.objects.get(user=member).status == MemberProfile.Status.APPROVED
        assert mailoutbox == []

    def test_suspend_page_asks_before_doing_anything(self, signed_in, editor, member):
        response = signed_in(editor).get(suspend_url(member.member_profile))

        assertContains(response, "Suspend and send the email")
        assertContains(response, 'name="until"')
        assertContains(response, "date-time-chooser.js")  # the date picker
        assert MemberProfile.objects.get(user=member).status == MemberProfile.Status.APPROVED

    def test_only_approved_members_can_be_suspended(self, signed_in, editor, pending_member):
        profile = pending_member.member_profile

        response = signed_in(editor).post(suspend_url(profile), {"reason": REASON}, follow=True)

        assertContains(response, "not an approved member")
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.PENDING

    @pytest.mark.parametrize("role", ["member", "moderator"])
    def test_people_who_may_not_decide_cannot_suspend(self, request, signed_in, role, mailoutbox):
        user = request.getfixturevalue(role)
        target = approved_member(user=UserFactory(first_name="Hidden", last_name="Person"))

        response = signed_in(user).post(
            suspend_url(target.member_profile), {"reason": REASON}, follow=True
        )

        assertNotContains(response, "Hidden Person", status_code=response.status_code)
        assert MemberProfile.objects.get(user=target).status == MemberProfile.Status.APPROVED
        assert mailoutbox == []


class TestWhoCanOpenTheSuspensionPages:
    @pytest.mark.parametrize("url_for", [suspend_url, reinstate_url])
    def test_visitor_is_sent_to_sign_in(self, client, url_for):
        profile = suspended_member().member_profile

        response = client.get(url_for(profile))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("url_for", [suspend_url, reinstate_url])
    def test_member_gets_no_access_page_and_no_names(self, signed_in, member, url_for):
        target = approved_member(user=UserFactory(first_name="Hidden", last_name="Person"))

        response = signed_in(member).get(url_for(target.member_profile))

        assertContains(response, "You do not have access to this page", status_code=403)
        assertNotContains(response, "Hidden Person", status_code=403)

    @pytest.mark.parametrize("pk", ["999999", "abc"])
    def test_unknown_or_malformed_member_ids_are_not_found(self, signed_in, editor, pk):
        url = suspend_url(MemberProfileFactory()).rsplit("/", 2)[0] + f"/{pk}/"

        response = signed_in(editor).get(url)

        assert response.status_code == 404


class TestReinstateInTheAdmin:
    def test_reinstating_makes_them_a_member_again_and_emails_them(
        self, signed_in, editor, mailoutbox
    ):
        user = suspended_member(until=days_from_today(10))
        profile = user.member_profile

        response = signed_in(editor).post(reinstate_url(profile))

        assertRedirects(response, reverse("members_admin:list"))
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.APPROVED
        assert (profile.suspended_until, profile.suspension_reason) == (None, "")
        assert profile.decided_by == editor
        assert in_members_group(user)
        assert user.is_approved_member
        assert "open again" in mailoutbox[0].subject
        assert mailoutbox[0].alternatives[0][1] == "text/html"

    def test_reinstating_someone_not_suspended_changes_nothing(
        self, signed_in, editor, member, mailoutbox
    ):
        response = signed_in(editor).post(reinstate_url(member.member_profile), follow=True)

        assertContains(response, "is not suspended")
        assert mailoutbox == []


class TestButtons:
    def test_listing_offers_suspend_for_members_and_reinstate_for_suspended(
        self, signed_in, editor
    ):
        active = approved_member()
        paused = suspended_member()

        # The listing opens on those waiting for approval; "Any status" shows everyone.
        response = signed_in(editor).get(reverse("members_admin:list"), {"status": "any"})

        assertContains(response, suspend_url(active.member_profile))
        assertNotContains(response, reinstate_url(active.member_profile))
        assertContains(response, reinstate_url(paused.member_profile))
        assertNotContains(response, suspend_url(paused.member_profile))
        # A suspended member is reinstated, not approved afresh.
        assertNotContains(response, reverse("members_admin:approve", args=[paused.pk]))

    def test_member_details_show_the_suspension_and_offer_reinstate(self, signed_in, editor):
        paused = suspended_member(until=days_from_today(5))

        response = signed_in(editor).get(
            reverse("members_admin:inspect", args=[paused.member_profile.pk])
        )

        assertContains(response, REASON)
        assertContains(response, reinstate_url(paused.member_profile))

    def test_member_details_offer_suspend_to_editors_only(self, signed_in, editor, member):
        response = signed_in(editor).get(
            reverse("members_admin:inspect", args=[member.member_profile.pk])
        )

        assertContains(response, suspend_url(member.member_profile))


class TestModel:
    def test_suspend_and_reinstate_write_the_audit_log(self, editor):
        profile = approved_member().member_profile

        profile.suspend(by=editor, reason=REASON, until=days_from_today(3), notify=False)
        profile.reinstate(by=editor, notify=False)

        entries = ModelLogEntry.objects.for_instance(profile).order_by("timestamp", "pk")
        assert [(e.action, e.user) for e in entries] == [
            ("members.suspend", editor),
            ("members.reinstate", editor),
        ]
        assert "Membership suspended until" in entries[0].message
        assert entries[1].message == "Membership reinstated"

    def test_suspending_twice_changes_nothing_the_second_time(self, editor, mailoutbox):
        profile = approved_member().member_profile

        first = profile.suspend(by=editor, reason=REASON)
        stale = MemberProfile.objects.get(pk=profile.pk)
        stale.status = MemberProfile.Status.APPROVED  # as another editor's page still shows
        second = stale.suspend(by=editor, reason="Another reason")

        assert first.changed and first.notified
        assert not second.changed
        assert len(mailoutbox) == 1
        assert MemberProfile.objects.get(pk=profile.pk).suspension_reason == REASON

    def test_an_end_in_the_past_is_refused(self, editor):
        profile = approved_member().member_profile

        with pytest.raises(ValueError):
            profile.suspend(by=editor, reason=REASON, until=timezone.now())

    def test_a_suspension_past_its_end_already_opens_members_areas(self):
        user = suspended_member(until=days_from_today(2))
        MemberProfile.objects.filter(user=user).update(
            suspended_until=timezone.now() - datetime.timedelta(minutes=1)
        )
        user = User.objects.get(pk=user.pk)

        assert user.access_standing == Verdict.ALLOWED
        assert user.is_approved_member


class TestEndSuspensions:
    def run(self):
        out, err = StringIO(), StringIO()
        call_command("end_suspensions", stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_reinstates_everyone_whose_end_date_has_passed_and_emails_them(self, mailoutbox):
        ended = suspended_member(until=days_from_today(1))
        MemberProfile.objects.filter(user=ended).update(
            suspended_until=timezone.now() - datetime.timedelta(hours=1)
        )
        still = suspended_member(until=days_from_today(7))
        open_ended = suspended_member(until=None)

        out, _err = self.run()

        assert "Suspensions ended: 1." in out
        statuses = dict(MemberProfile.objects.values_list("user_id", "status"))
        assert statuses[ended.pk] == MemberProfile.Status.APPROVED
        assert statuses[still.pk] == MemberProfile.Status.SUSPENDED
        assert statuses[open_ended.pk] == MemberProfile.Status.SUSPENDED
        assert in_members_group(ended)
        assert [m.to for m in mailoutbox] == [[ended.email]]
        entry = ModelLogEntry.objects.for_instance(ended.member_profile).latest("pk")
        assert entry.action == "members.reinstate"
        assert entry.user is None
        assert entry.data == {"automatic": True}
        assert "automatically" in entry.message

    def test_running_again_does_nothing_more(self, mailoutbox):
        ended = suspended_member(until=days_from_today(1))
        MemberProfile.objects.filter(user=ended).update(suspended_until=timezone.now())
        self.run()

        out, _err = self.run()

        assert "Suspensions ended: 0." in out
        assert len(mailoutbox) == 1

    def test_says_when_an_email_could_not_be_sent(self, settings):
        settings.EMAIL_BACKEND = "tests.members.test_suspension.BrokenMailBackend"
        ended = suspended_member(until=days_from_today(1))
        MemberProfile.objects.filter(user=ended).update(suspended_until=timezone.now())

        out, err = self.run()

        assert "Suspensions ended: 1." in out
        assert "could not be emailed" in err


class BrokenMailBackend:
    """Accepts no message (as a full queue or a refused connection would)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        return 0


class TestWhatASuspendedMemberSees:
    @pytest.fixture
    def folder(self, db):
        library = LibraryFactory(parent=site_home_page())
        return FolderFactory(parent=library, title="Practice notes", members_only=True)

    def test_members_only_folder_gives_the_suspended_refusal(self, signed_in, folder):
        user = suspended_member(until=days_from_today(5))

        response = signed_in(user).get(folder.url)

        assert response.context["refusal"] == "suspended"
        assertContains(response, "your membership is paused at the moment")

    def test_members_only_download_is_forbidden(self, signed_in, folder):
        resource = ResourcePageFactory(parent=folder)
        user = suspended_member()

        response = signed_in(user).get(resource.url + "download/")

        assert response.status_code == 403
        assert b"%PDF" not in response.content
        assertContains(response, "paused", status_code=403)

    def test_public_resources_stay_open(self, signed_in, folder):
        public = FolderFactory(parent=folder.get_parent(), title="Open", members_only=False)
        resource = ResourcePageFactory(parent=public)
        user = suspended_member()

        response = signed_in(user).get(resource.url + "download/")

        assert response.status_code == 200

    def test_account_page_says_why_until_when_and_what_they_can_do(self, signed_in):
        end = days_from_today(21)
        user = suspended_member(until=end)

        response = signed_in(user).get(reverse("members:account"))

        assertContains(response, "Your membership is paused")
        assertContains(response, REASON)
        assertContains(response, f"until {end.day} {end:%B %Y}")
        assertContains(response, "read everything that is public")
        # How to ask (the contact details) is in tests/members/test_contact_settings.py.
        assertNotContains(response, "reply to the email we sent you")
        assertNotContains(response, "You are a member of the community")

    def test_account_page_without_an_end_date_says_an_editor_will_reopen_it(self, signed_in):
        user = suspended_member(until=None)

        response = signed_in(user).get(reverse("members:account"))

        assertContains(response, "paused your membership for now")

    def test_account_page_after_the_end_date_shows_them_as_a_member(self, signed_in):
        user = suspended_member(until=days_from_today(1))
        MemberProfile.objects.filter(user=user).update(suspended_until=timezone.now())

        response = signed_in(user).get(reverse("members:account"))

        assertContains(response, "You are a member of the community")
        assertNotContains(response, "Your membership is paused")

    def test_their_data_download_holds_the_reason(self, signed_in):
        user = suspended_member()

        data = signed_in(user).get(reverse("members:download_data")).json()

        assert data["profile"]["reason_for_suspending"] == REASON
        assert data["profile"]["membership_status"] == "Suspended"


@pytest.mark.parametrize(
    "status, suspend, reinstate, approve",
    [
        ("pending", False, False, True),
        ("approved", True, False, False),
        ("declined", False, False, True),
        ("suspended", False, True, False),
    ],
)
def test_only_members_can_be_suspended_and_only_suspended_ones_reinstated(
    status, suspend, reinstate, approve
):
    profile = MemberProfileFactory(status=status)

    assert (profile.can_be_suspended, profile.can_be_reinstated, profile.can_be_approved) == (
        suspend,
        reinstate,
        approve,
    )
