"""Editors approve and decline people in the Wagtail admin; nobody else can."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from members import roles
from members.models import MemberProfile, User

from .factories import MemberProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

BULK_APPROVE_URL = "/admin/bulk/members/memberprofile/approve/"


def waiting(**user_fields):
    return MemberProfileFactory(user=UserFactory(**user_fields))


def in_members_group(user):
    return user.groups.filter(name=roles.MEMBERS).exists()


class TestListing:
    def test_editor_sees_name_email_organisation_sector_and_status(self, signed_in, editor):
        person = waiting(first_name="Ruth", last_name="Okafor", email="ruth@example.org")

        response = signed_in(editor).get(reverse("members_admin:list"))

        assertContains(response, "Ruth Okafor")
        assertContains(response, "ruth@example.org")
        assertContains(response, person.organisation)
        assertContains(response, "Health")
        assertContains(response, "Waiting for approval")

    def test_filter_by_status_shows_only_those_waiting(self, signed_in, editor):
        waiting(first_name="Waiting", last_name="Person")
        MemberProfileFactory(
            status=MemberProfile.Status.DECLINED,
            user=UserFactory(first_name="Declined", last_name="Person"),
        )

        response = signed_in(editor).get(reverse("members_admin:list"), {"status": "pending"})

        assertContains(response, "Waiting Person")
        assertNotContains(response, "Declined Person")

    def test_filter_by_sector(self, signed_in, editor):
        MemberProfileFactory(sector="housing", user=UserFactory(last_name="Housingperson"))
        MemberProfileFactory(sector="health", user=UserFactory(last_name="Healthperson"))

        response = signed_in(editor).get(reverse("members_admin:list"), {"sector": "housing"})

        assertContains(response, "Housingperson")
        assertNotContains(response, "Healthperson")

    def test_search_matches_full_name_email_or_organisation(self, signed_in, editor):
        waiting(first_name="Ruth", last_name="Okafor", email="r.okafor@example.org")
        waiting(first_name="Sam", last_name="Jones", email="sam@example.org")
        client = signed_in(editor)

        by_name = client.get(reverse("members_admin:list"), {"q": "ruth okafor"})
        by_email = client.get(reverse("members_admin:list"), {"q": "r.okafor@"})
        by_organisation = client.get(reverse("members_admin:list"), {"q": "Riverside"})

        assertContains(by_name, "Ruth Okafor")
        assertNotContains(by_name, "Sam Jones")
        assertContains(by_email, "Ruth Okafor")
        assertContains(by_organisation, "Sam Jones")

    def test_listing_queries_do_not_grow_with_the_number_of_members(
        self, signed_in, editor, django_assert_num_queries
    ):
        client = signed_in(editor)
        MemberProfileFactory.create_batch(3)
        client.get(reverse("members_admin:list"))  # warm caches (permissions, site)
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("members_admin:list"))
        MemberProfileFactory.create_batch(30)

        with django_assert_num_queries(len(few)):
            response = client.get(reverse("members_admin:list"))

        assert response.context["object_list"].count() >= 33

    @pytest.mark.parametrize(
        "query",
        [{"p": "abc"}, {"p": "99999"}, {"status": "nonsense"}, {"sector": "x" * 300}, {"q": "%"}],
    )
    def test_odd_query_parameters_never_break_the_listing(self, signed_in, editor, query):
        waiting()

        response = signed_in(editor).get(reverse("members_admin:list"), query)

        assert response.status_code in (200, 404)
        assert response.status_code != 500


class TestApproveOne:
    def test_approving_makes_them_a_member_records_who_and_emails_them(
        self, signed_in, editor, mailoutbox
    ):
        profile = waiting(first_name="Ruth", email="ruth@example.org")

        response = signed_in(editor).post(reverse("members_admin:approve", args=[profile.pk]))

        assertRedirects(response, reverse("members_admin:list"))
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.APPROVED
        assert profile.decided_by == editor
        assert profile.status_changed_at is not None
        assert in_members_group(profile.user)
        assert profile.user.is_approved_member
        assert len(mailoutbox) == 1
        email = mailoutbox[0]
        assert email.to == ["ruth@example.org"]
        assert "Hello Ruth" in email.body
        assert "approved" in email.subject + email.body
        assert email.alternatives[0][1] == "text/html"

    def test_approve_page_asks_before_doing_anything(self, signed_in, editor, mailoutbox):
        profile = waiting()

        response = signed_in(editor).get(reverse("members_admin:approve", args=[profile.pk]))

        assertContains(response, "Yes, approve")
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.PENDING
        assert mailoutbox == []

    def test_approving_someone_already_approved_changes_nothing(
        self, signed_in, editor, member, mailoutbox
    ):
        profile = member.member_profile

        response = signed_in(editor).post(
            reverse("members_admin:approve", args=[profile.pk]), follow=True
        )

        assertContains(response, "is already a member")
        assert mailoutbox == []

    def test_unknown_member_is_not_found(self, signed_in, editor):
        response = signed_in(editor).get(reverse("members_admin:approve", args=[999999]))

        assert response.status_code == 404

    def test_member_details_page_offers_approve_and_decline(self, signed_in, editor):
        profile = waiting(email="ruth@example.org")

        response = signed_in(editor).get(reverse("members_admin:inspect", args=[profile.pk]))

        assertContains(response, "ruth@example.org")
        assertContains(response, reverse("members_admin:approve", args=[profile.pk]))
        assertContains(response, reverse("members_admin:decline", args=[profile.pk]))


def test_editor_corrects_a_profile_without_changing_its_status(signed_in, editor):
    profile = waiting()

    response = signed_in(editor).post(
        reverse("members_admin:edit", args=[profile.pk]),
        {"job_role": "Head teacher", "organisation": "Hillside Academy", "sector": "education"},
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.job_role, profile.organisation) == ("Head teacher", "Hillside Academy")
    assert profile.status == MemberProfile.Status.PENDING


class TestDecline:
    def test_declining_with_a_reason_emails_it_kindly(self, signed_in, editor, mailoutbox):
        profile = waiting(first_name="Ruth", email="ruth@example.org")
        reason = "The community is for people working in the UK."

        response = signed_in(editor).post(
            reverse("members_admin:decline", args=[profile.pk]), {"reason": reason}
        )

        assertRedirects(response, reverse("members_admin:list"))
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.DECLINED
        assert profile.decline_reason == reason
        assert profile.decided_by == editor
        assert not in_members_group(profile.user)
        email = mailoutbox[0]
        assert email.to == ["ruth@example.org"]
        assert reason in email.body
        assert reason in email.alternatives[0][0]
        assert "Thank you for your interest" in email.body

    def test_declining_without_a_reason_is_allowed(self, signed_in, editor, mailoutbox):
        profile = waiting()

        signed_in(editor).post(reverse("members_admin:decline", args=[profile.pk]), {})

        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.DECLINED
        assert "said:" not in mailoutbox[0].body

    def test_declining_an_approved_member_takes_them_out_of_the_members_group(
        self, signed_in, editor, member
    ):
        signed_in(editor).post(
            reverse("members_admin:decline", args=[member.member_profile.pk]), {"reason": ""}
        )

        assert not in_members_group(member)
        assert not User.objects.get(pk=member.pk).is_approved_member

    def test_the_member_sees_the_reason_on_their_account_page(self, client, editor, signed_in):
        profile = waiting()
        signed_in(editor).post(
            reverse("members_admin:decline", args=[profile.pk]), {"reason": "Outside the UK."}
        )

        client.force_login(profile.user)
        response = client.get(reverse("members:account"))

        assertContains(response, "We were not able to approve your membership")
        assertContains(response, "Outside the UK.")

    def test_an_overlong_reason_is_refused_with_the_form_shown_again(self, signed_in, editor):
        profile = waiting()

        response = signed_in(editor).post(
            reverse("members_admin:decline", args=[profile.pk]), {"reason": "x" * 2001}
        )

        assert response.status_code == 200
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.PENDING


class TestBulkApprove:
    def url(self, *profiles):
        ids = "&".join(f"id={p.pk}" for p in profiles)
        return f"{BULK_APPROVE_URL}?{ids}"

    def test_editor_approves_several_at_once_and_each_gets_an_email(
        self, signed_in, editor, mailoutbox
    ):
        first, second = waiting(), waiting()
        client = signed_in(editor)

        confirm = client.get(self.url(first, second))
        response = client.post(self.url(first, second))

        assertContains(confirm, "Approve these 2 people?")
        assert response.status_code == 302
        for profile in (first, second):
            profile.refresh_from_db()
            assert profile.status == MemberProfile.Status.APPROVED
            assert profile.decided_by == editor
            assert in_members_group(profile.user)
        assert sorted(m.to[0] for m in mailoutbox) == sorted([first.user.email, second.user.email])

    def test_people_already_decided_are_left_alone(self, signed_in, editor, mailoutbox):
        pending = waiting()
        declined = MemberProfileFactory(status=MemberProfile.Status.DECLINED)

        signed_in(editor).post(self.url(pending))

        declined.refresh_from_db()
        assert declined.status == MemberProfile.Status.DECLINED
        assert len(mailoutbox) == 1

    def test_listing_offers_the_bulk_approve_action(self, signed_in, editor):
        waiting()

        response = signed_in(editor).get(reverse("members_admin:list"))

        assertContains(response, "Approve selected members")

    def test_ids_that_are_not_numbers_give_not_found(self, signed_in, editor):
        response = signed_in(editor).get(BULK_APPROVE_URL + "?id=abc")

        assert response.status_code == 404

    def test_moderator_cannot_bulk_approve_or_see_names(self, signed_in, moderator):
        profile = waiting(first_name="Hidden", last_name="Person")
        client = signed_in(moderator)

        page = client.get(self.url(profile))
        client.post(self.url(profile))

        assertNotContains(page, "Hidden Person", status_code=page.status_code)
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.PENDING


class TestWhoCanDecide:
    """The permission matrix for every admin view this app adds."""

    VIEWS = ["list", "inspect", "approve", "decline", "edit"]

    def url(self, name, profile):
        args = [] if name == "list" else [profile.pk]
        return reverse(f"members_admin:{name}", args=args)

    @pytest.mark.parametrize("name", VIEWS)
    def test_visitor_is_sent_to_sign_in(self, client, name):
        profile = waiting()

        response = client.get(self.url(name, profile))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("name", VIEWS)
    @pytest.mark.parametrize("role", ["pending_member", "member"])
    def test_members_get_no_access_page(self, request, signed_in, role, name):
        user = request.getfixturevalue(role)
        profile = waiting(first_name="Hidden", last_name="Person")

        response = signed_in(user).get(self.url(name, profile))

        assertContains(response, "You do not have access to this page", status_code=403)
        assertNotContains(response, "Hidden Person", status_code=403)

    @pytest.mark.parametrize("name", VIEWS)
    def test_moderator_is_turned_away(self, signed_in, moderator, name):
        profile = waiting(first_name="Hidden", last_name="Person")

        response = signed_in(moderator).get(self.url(name, profile), follow=True)

        assertNotContains(response, "Hidden Person", status_code=response.status_code)
        assert response.redirect_chain == [] or response.redirect_chain[-1][0] == reverse(
            "wagtailadmin_home"
        )

    @pytest.mark.parametrize("name", VIEWS)
    def test_editor_can_open_every_view(self, signed_in, editor, name):
        profile = waiting()

        response = signed_in(editor).get(self.url(name, profile))

        assert response.status_code == 200

    def test_there_is_no_snippet_chooser_listing_members_to_other_admin_users(
        self, signed_in, moderator
    ):
        waiting(first_name="Hidden", last_name="Person")

        response = signed_in(moderator).get("/admin/snippets/choose/members/memberprofile/")

        assert response.status_code == 404

    @pytest.mark.parametrize("action", ["approve", "delete"])
    def test_bulk_action_pages_never_list_names_to_moderators(self, signed_in, moderator, action):
        profile = waiting(first_name="Hidden", last_name="Person")
        url = f"/admin/bulk/members/memberprofile/{action}/?id={profile.pk}&id=all"

        response = signed_in(moderator).get(url, follow=True)

        assertNotContains(response, "Hidden Person", status_code=response.status_code)
        assert MemberProfile.objects.filter(pk=profile.pk).exists()

    @pytest.mark.parametrize("name", ["inspect", "approve", "decline", "edit"])
    @pytest.mark.parametrize("pk", ["999999", "abc"])
    def test_unknown_or_malformed_member_ids_are_not_found(self, signed_in, editor, name, pk):
        url = reverse(f"members_admin:{name}", args=[1]).replace("/1/", f"/{pk}/")

        response = signed_in(editor).get(url)

        assert response.status_code == 404

    def test_next_pointing_off_site_is_ignored_after_approving(self, signed_in, editor):
        profile = waiting()

        response = signed_in(editor).post(
            reverse("members_admin:approve", args=[profile.pk]),
            {"next": "https://elsewhere.example/"},
        )

        assertRedirects(response, reverse("members_admin:list"))

    def test_moderator_post_to_approve_changes_nothing(self, signed_in, moderator, mailoutbox):
        profile = waiting()

        signed_in(moderator).post(reverse("members_admin:approve", args=[profile.pk]))

        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.PENDING
        assert mailoutbox == []

    def test_admin_menu_shows_members_to_editors_only(self, signed_in, editor, moderator):
        editor_home = signed_in(editor).get(reverse("wagtailadmin_home"))
        moderator_home = signed_in(moderator).get(reverse("wagtailadmin_home"))

        assertContains(editor_home, reverse("members_admin:list"))
        assertNotContains(moderator_home, reverse("members_admin:list"))

    def test_superuser_can_approve(self, signed_in, mailoutbox):
        from .factories import add_authenticator_app

        admin = UserFactory(is_superuser=True, is_staff=True)
        add_authenticator_app(admin)
        profile = waiting()

        signed_in(admin).post(reverse("members_admin:approve", args=[profile.pk]))

        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.APPROVED

    def test_members_group_exists_for_approval(self):
        assert Group.objects.filter(name=roles.MEMBERS).exists()


def unconfirmed(**user_fields):
    """Someone who asked to join but has not clicked the link in the confirmation email."""
    return MemberProfileFactory(user=UserFactory(verified_email=False, **user_fields))


class TestWaitingForApproval:
    """The listing opens on those waiting; a request waits for its email to be confirmed."""

    def test_the_listing_opens_on_the_people_waiting_for_approval(self, signed_in, editor):
        waiting(last_name="Waitingperson")
        MemberProfileFactory(
            status=MemberProfile.Status.DECLINED, user=UserFactory(last_name="Declinedperson")
        )

        response = signed_in(editor).get(reverse("members_admin:list"))

        assertContains(response, "Waitingperson")
        assertNotContains(response, "Declinedperson")
        assertNotContains(response, editor.last_name)  # an approved member

    def test_any_status_shows_everyone(self, signed_in, editor):
        waiting(last_name="Waitingperson")
        MemberProfileFactory(
            status=MemberProfile.Status.DECLINED, user=UserFactory(last_name="Declinedperson")
        )

        response = signed_in(editor).get(reverse("members_admin:list"), {"status": "any"})

        assertContains(response, "Waitingperson")
        assertContains(response, "Declinedperson")
        assertContains(response, "Any status")

    def test_removing_the_status_filter_shows_everyone_rather_than_those_waiting(
        self, signed_in, editor
    ):
        waiting()

        response = signed_in(editor).get(reverse("members_admin:list"))

        (status_filter,) = [f for f in response.context["active_filters"] if "status" in f[0]]
        assert status_filter.value == "Waiting for approval"
        assert "status=any" in status_filter.removed_filter_url

    def test_when_nobody_is_waiting_the_listing_says_so(self, signed_in, editor):
        response = signed_in(editor).get(reverse("members_admin:list"))

        assertContains(response, "Nobody is waiting for approval.")

    def test_the_listing_says_whether_each_person_has_confirmed_their_email(
        self, signed_in, editor
    ):
        waiting(first_name="Ruth", last_name="Okafor")
        unconfirmed(first_name="Sam", last_name="Jones")

        response = signed_in(editor).get(reverse("members_admin:list"))

        assertContains(response, "Email confirmed")
        rows = {str(p): p.email_confirmed for p in response.context["object_list"]}
        assert rows == {"Ruth Okafor": True, "Sam Jones": False}
        assertContains(response, "Not yet")

    def test_approve_and_decline_are_not_offered_until_the_email_is_confirmed(
        self, signed_in, editor
    ):
        person = unconfirmed(first_name="Sam", last_name="Jones")
        client = signed_in(editor)

        listing = client.get(reverse("members_admin:list"))
        details = client.get(reverse("members_admin:inspect", args=[person.pk]))

        for response in (listing, details):
            assertNotContains(response, reverse("members_admin:approve", args=[person.pk]))
            assertNotContains(response, reverse("members_admin:decline", args=[person.pk]))
        assertContains(details, "They have not confirmed their email address yet")

    @pytest.mark.parametrize("decision", ["approve", "decline"])
    def test_a_request_with_an_unconfirmed_email_cannot_be_decided_yet(
        self, signed_in, editor, mailoutbox, decision
    ):
        person = unconfirmed()
        client = signed_in(editor)

        page = client.get(reverse(f"members_admin:{decision}", args=[person.pk]), follow=True)
        posted = client.post(reverse(f"members_admin:{decision}", args=[person.pk]), follow=True)

        for response in (page, posted):
            assert response.redirect_chain[-1][0] == reverse("members_admin:list")
            assertContains(response, "They have not confirmed their email address yet")
        person.refresh_from_db()
        assert person.status == MemberProfile.Status.PENDING
        assert mailoutbox == []

    def test_an_approved_member_can_still_be_declined_whatever_their_email(
        self, signed_in, editor
    ):
        profile = MemberProfileFactory(
            status=MemberProfile.Status.APPROVED, user=UserFactory(verified_email=False)
        )

        signed_in(editor).post(reverse("members_admin:decline", args=[profile.pk]), {})

        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.DECLINED

    def test_bulk_approve_leaves_unconfirmed_people_waiting_and_says_why(
        self, signed_in, editor, mailoutbox
    ):
        ready, not_yet = waiting(), unconfirmed(first_name="Sam", last_name="Jones")
        url = f"{BULK_APPROVE_URL}?id={ready.pk}&id={not_yet.pk}"
        client = signed_in(editor)

        confirm = client.get(url)
        client.post(url)
        response = client.get(reverse("members_admin:list"))

        assertContains(confirm, "Approve this person?")
        assertContains(confirm, "Sam Jones")
        assertContains(confirm, "have not confirmed their email address yet")
        ready.refresh_from_db()
        not_yet.refresh_from_db()
        assert (ready.status, not_yet.status) == ("approved", "pending")
        assert [m.to for m in mailoutbox] == [[ready.user.email]]
        assertContains(response, "1 person has not confirmed their email address yet")

    def test_bulk_approve_of_only_unconfirmed_people_approves_nobody(
        self, signed_in, editor, mailoutbox
    ):
        not_yet = unconfirmed()

        client = signed_in(editor)
        client.post(f"{BULK_APPROVE_URL}?id={not_yet.pk}")
        response = client.get(reverse("members_admin:list"))

        not_yet.refresh_from_db()
        assert not_yet.status == MemberProfile.Status.PENDING
        assert mailoutbox == []
        assertContains(response, "has not confirmed their email address yet")
        assertNotContains(response, "now a member")


class TestWaitingCountInTheMenu:
    def test_the_members_menu_item_counts_confirmed_requests_waiting(self, signed_in, editor):
        waiting(), waiting(), unconfirmed()

        response = signed_in(editor).get(reverse("wagtailadmin_home"))

        assertContains(response, "Members (2 waiting)")

    def test_with_nobody_waiting_the_menu_item_is_just_members(self, signed_in, editor):
        response = signed_in(editor).get(reverse("wagtailadmin_home"))

        assertContains(response, '"Members"')
        assertNotContains(response, "waiting)")

    def test_the_count_goes_down_as_soon_as_someone_is_approved(self, signed_in, editor):
        first, _second = waiting(), waiting()
        client = signed_in(editor)
        client.get(reverse("wagtailadmin_home"))

        client.post(reverse("members_admin:approve", args=[first.pk]))
        response = client.get(reverse("wagtailadmin_home"))

        assertContains(response, "Members (1 waiting)")

    def test_the_count_is_one_query_kept_for_the_next_admin_pages(self, signed_in, editor):
        waiting()
        client = signed_in(editor)

        with CaptureQueriesContext(connection) as first:
            client.get(reverse("wagtailadmin_home"))
        with CaptureQueriesContext(connection) as second:
            client.get(reverse("wagtailadmin_home"))

        def counts(queries):
            return [
                q["sql"]
                for q in queries
                if "COUNT(" in q["sql"].upper() and "members_memberprofile" in q["sql"]
            ]

        assert len(counts(first)) == 1
        assert counts(second) == []


@pytest.mark.parametrize(
    ("decision", "status", "heading"),
    [
        ("approve", MemberProfile.Status.PENDING, "Approve Ruth Okafor"),
        ("decline", MemberProfile.Status.PENDING, "Decline Ruth Okafor"),
        ("suspend", MemberProfile.Status.APPROVED, "Suspend Ruth Okafor&#x27;s membership"),
        ("reinstate", MemberProfile.Status.SUSPENDED, "Reinstate Ruth Okafor"),
    ],
)
def test_decision_pages_have_a_heading_with_room_around_it(
    signed_in, editor, decision, status, heading
):
    profile = MemberProfileFactory(
        status=status, user=UserFactory(first_name="Ruth", last_name="Okafor")
    )

    response = signed_in(editor).get(reverse(f"members_admin:{decision}", args=[profile.pk]))

    html = response.content.decode()
    assert '<div class="nice-padding w-mt-8">' in html  # as Wagtail's own form pages
    assert '<div class="w-form-width">' in html
    assertContains(response, f"<span>{heading}</span>", html=True)
