"""A member's own account: status, profile changes, password, data download, deletion."""

import json

from django.contrib.auth import get_user
from django.dispatch import receiver
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from members import personal_data
from members.models import MemberProfile, User

from .factories import PASSWORD, add_authenticator_app, approved_member

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Amara",
    "last_name": "Bello",
    "job_role": "Family support worker",
    "organisation": "Westfield Children's Services",
    "sector": "social_care",
}


class TestWhoCanOpenWhat:
    """Every page this app adds for members: visitors sign in first, members get their own."""

    PAGES = [
        "members:account",
        "members:edit_profile",
        "members:download_data",
        "members:delete_account",
        "members:after_two_factor",
        "account_change_password",
        "account_email",
        "mfa_index",
    ]

    @pytest.mark.parametrize("name", PAGES)
    def test_visitor_is_sent_to_sign_in(self, client, name):
        response = client.get(reverse(name))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("name", PAGES)
    @pytest.mark.parametrize("role", ["pending_member", "member", "moderator", "editor"])
    def test_every_signed_in_role_opens_their_own(self, request, signed_in, role, name):
        user = request.getfixturevalue(role)

        response = signed_in(user).get(reverse(name))

        expected = 302 if name == "members:after_two_factor" else 200
        assert response.status_code == expected

    def test_deleted_confirmation_page_is_open_to_anyone(self, client):
        assert client.get(reverse("members:account_deleted")).status_code == 200


class TestAccountPage:
    def test_pending_member_is_told_they_are_waiting_and_what_happens_next(
        self, signed_in, pending_member
    ):
        response = signed_in(pending_member).get(reverse("members:account"))

        assertContains(response, "waiting for approval")
        assertContains(response, "What happens next")
        assertContains(response, pending_member.email)

    def test_approved_member_is_told_they_are_a_member(self, signed_in, member):
        response = signed_in(member).get(reverse("members:account"))

        assertContains(response, "You are a member of the community")
        assertNotContains(response, "waiting for approval")

    def test_page_shows_their_details_with_one_heading(self, signed_in, member):
        response = signed_in(member).get(reverse("members:account"))

        assertContains(response, member.member_profile.organisation)
        assert response.content.decode().count("<h1") == 1


class TestEditProfile:
    def test_member_changes_their_details(self, signed_in, member):
        response = signed_in(member).post(reverse("members:edit_profile"), PROFILE)

        assertRedirects(response, reverse("members:account"))
        member = User.objects.get(pk=member.pk)
        assert member.get_full_name() == "Amara Bello"
        profile = member.member_profile
        assert (profile.job_role, profile.organisation, profile.sector) == (
            "Family support worker",
            "Westfield Children's Services",
            "social_care",
        )
        assert profile.status == MemberProfile.Status.APPROVED

    def test_pending_member_can_correct_their_details_and_stays_pending(
        self, signed_in, pending_member
    ):
        signed_in(pending_member).post(reverse("members:edit_profile"), PROFILE)

        profile = MemberProfile.objects.get(user=pending_member)
        assert profile.organisation == "Westfield Children's Services"
        assert profile.status == MemberProfile.Status.PENDING

    def test_form_starts_with_their_current_details(self, signed_in, member):
        response = signed_in(member).get(reverse("members:edit_profile"))

        assertContains(response, f'value="{member.first_name}"')
        assertContains(response, "Mental health nurse")

    def test_blank_fields_are_shown_again_with_errors_and_other_answers_kept(
        self, signed_in, member
    ):
        data = {**PROFILE, "first_name": "", "organisation": "  "}

        response = signed_in(member).post(reverse("members:edit_profile"), data)

        assertContains(response, "There is a problem")
        assertContains(response, 'href="#id_first_name">Enter your first name</a>', html=False)
        assertContains(response, "Enter your organisation")
        assertContains(response, 'value="Family support worker"')
        assert User.objects.get(pk=member.pk).first_name == member.first_name

    def test_a_sector_outside_the_list_is_refused(self, signed_in, member):
        response = signed_in(member).post(
            reverse("members:edit_profile"), {**PROFILE, "sector": "banking"}
        )

        assertContains(response, "Choose the sector you work in")

    def test_someone_without_a_profile_is_sent_back_with_a_message(self, signed_in):
        from .factories import UserFactory

        user = UserFactory()

        response = signed_in(user).get(reverse("members:edit_profile"), follow=True)

        assertContains(response, "no member profile")


class TestChangePassword:
    def test_member_changes_their_password_and_can_sign_in_with_it(self, client, member):
        client.force_login(member)
        new = "violet-meadow-compass-17"

        response = client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": new, "password2": new},
        )

        assertRedirects(response, reverse("members:account"))
        assert User.objects.get(pk=member.pk).check_password(new)

    def test_wrong_current_password_and_weak_new_one_are_both_explained(self, signed_in, member):
        response = signed_in(member).post(
            reverse("account_change_password"),
            {"oldpassword": "nope", "password1": "12345", "password2": "12345"},
        )

        assertContains(response, "There is a problem")
        assertContains(response, 'href="#id_oldpassword"', html=False)
        assertContains(response, 'href="#id_password1"', html=False)
        assert User.objects.get(pk=member.pk).check_password(PASSWORD)

    def test_empty_form_names_each_field(self, signed_in, member):
        response = signed_in(member).post(reverse("account_change_password"), {})

        assertContains(response, "Enter your current password")
        assertContains(response, "Enter a new password")


class TestDownloadData:
    def test_download_holds_account_profile_emails_and_two_factor_status(self, signed_in, member):
        add_authenticator_app(member)

        response = signed_in(member).get(reverse("members:download_data"))

        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert data["account"]["email"] == member.email
        assert data["account"]["first_name"] == member.first_name
        assert data["email_addresses"] == [
            {"email": member.email, "verified": True, "primary": True}
        ]
        assert data["two_factor"] == {"enabled": True, "methods": ["totp"]}
        assert data["profile"]["organisation"] == member.member_profile.organisation
        assert data["profile"]["membership_status"] == "Approved"
        assert "Members" in data["groups"]

    def test_download_never_holds_the_password_hash_or_secrets(self, signed_in, member):
        add_authenticator_app(member)

        response = signed_in(member).get(reverse("members:download_data"))

        text = response.content.decode()
        assert member.password not in text
        assert "password" not in text
        assert "secret" not in text

    def test_download_holds_only_the_signed_in_persons_data(self, signed_in, member):
        someone_else = approved_member()

        response = signed_in(member).get(reverse("members:download_data"))

        assert someone_else.email not in response.content.decode()

    def test_other_apps_add_their_own_sections(self, signed_in, member):
        @receiver(personal_data.collect_personal_data)
        def coaching_sessions(sender, user, **kwargs):
            return {"coaching_sessions": [{"topic": "Safe spaces", "for": user.email}]}

        try:
            response = signed_in(member).get(reverse("members:download_data"))
        finally:
            personal_data.collect_personal_data.disconnect(coaching_sessions)

        data = json.loads(response.content)
        assert data["coaching_sessions"] == [{"topic": "Safe spaces", "for": member.email}]

    def test_a_section_name_used_twice_is_refused(self, member):
        from django.core.exceptions import ImproperlyConfigured

        def clashing(sender, user, **kwargs):
            return {"profile": {}}

        personal_data.collect_personal_data.connect(clashing)
        try:
            with pytest.raises(ImproperlyConfigured):
                personal_data.export(member)
        finally:
            personal_data.collect_personal_data.disconnect(clashing)

    def test_posting_to_the_download_is_not_allowed(self, signed_in, member):
        assert signed_in(member).post(reverse("members:download_data")).status_code == 405


class TestDeleteAccount:
    def test_page_explains_what_is_deleted_and_what_is_kept(self, signed_in, member):
        response = signed_in(member).get(reverse("members:delete_account"))

        assertContains(response, "What we delete")
        assertContains(response, "A former member")
        assertContains(response, 'for="id_password"')

    def test_deleting_removes_personal_data_signs_out_and_confirms(self, client, member):
        add_authenticator_app(member)
        email, pk = member.email, member.pk
        client.force_login(member)

        response = client.post(
            reverse("members:delete_account"), {"password": PASSWORD}, follow=True
        )

        assert response.redirect_chain[-1][0] == reverse("members:account_deleted")
        assertContains(response, "Your account has been deleted")
        assert not get_user(client).is_authenticated
        erased = User.objects.get(pk=pk)
        assert erased.email != email
        assert erased.email.endswith("@erased.invalid")
        assert (erased.first_name, erased.last_name) == ("", "")
        assert not erased.has_usable_password()
        assert not erased.is_active
        assert str(erased) == "Former member"
        assert not MemberProfile.objects.filter(user_id=pk).exists()
        assert not EmailAddress.objects.filter(user_id=pk).exists()
        assert not Authenticator.objects.filter(user_id=pk).exists()
        assert not erased.groups.exists()
        assert not User.objects.filter(email=email).exists()

    def test_a_deleted_account_can_no_longer_sign_in(self, client, member):
        email = member.email
        client.force_login(member)
        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

        assert response.status_code == 200
        assert not get_user(client).is_authenticated

    def test_the_same_email_can_join_again_afterwards(self, client, member):
        email = member.email
        client.force_login(member)
        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        response = client.post(
            reverse("account_signup"),
            {
                **PROFILE,
                "email": email,
                "password1": "river-stone-lamp-88",
                "password2": "river-stone-lamp-88",
            },
        )

        assertRedirects(response, reverse("account_email_verification_sent"))
        assert MemberProfile.objects.get(user__email=email).status == "pending"

    def test_other_peoples_data_is_untouched(self, client, member):
        other = approved_member()
        client.force_login(member)

        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        other = User.objects.get(pk=other.pk)
        assert other.is_active
        assert other.member_profile.status == MemberProfile.Status.APPROVED
        assert EmailAddress.objects.filter(user=other, verified=True).exists()
        assert other.check_password(PASSWORD)

    def test_wrong_password_keeps_the_account_and_says_so(self, signed_in, member):
        response = signed_in(member).post(
            reverse("members:delete_account"), {"password": "not-it"}
        )

        assertContains(response, "That password is not right")
        assert User.objects.get(pk=member.pk).is_active

    def test_no_password_keeps_the_account_and_says_what_to_do(self, signed_in, member):
        response = signed_in(member).post(reverse("members:delete_account"), {})

        assertContains(response, "Enter your password to delete your account")
        assert User.objects.get(pk=member.pk).email == member.email

    def test_the_admin_history_that_names_them_is_deleted_too(self, client, editor):
        from wagtail.models import ModelLogEntry

        from .factories import MemberProfileFactory

        profile = MemberProfileFactory()
        profile.approve(by=editor)
        name = profile.user.get_full_name()
        assert ModelLogEntry.objects.filter(label=name).exists()
        client.force_login(profile.user)

        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        assert not ModelLogEntry.objects.filter(label=name).exists()

    def test_other_apps_are_told_before_the_account_is_anonymised(self, client, member):
        seen = []

        def forget_registrations(sender, user, **kwargs):
            seen.append(user.email)

        personal_data.erasing_account.connect(forget_registrations)
        client.force_login(member)
        try:
            client.post(reverse("members:delete_account"), {"password": PASSWORD})
        finally:
            personal_data.erasing_account.disconnect(forget_registrations)

        assert seen == [member.email]
