"""Every way an account can be deleted erases it the same way (members.personal_data):
the member themself, the Members admin (one person or several), Wagtail's Users admin (one
user or several). The Django admin offers no way to delete a user at all."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from allauth.account.models import EmailAddress
from pytest_django.asserts import assertContains, assertNotContains

from members import personal_data
from members.models import MemberProfile, User

from .factories import UserFactory, add_authenticator_app, approved_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    user = UserFactory(is_superuser=True, is_staff=True)
    add_authenticator_app(user)
    return user


@pytest.fixture
def other_apps_told(db):
    """The users `erasing_account` was sent for, as other apps' receivers see it."""
    told = []

    def note(sender, user, **kwargs):
        told.append(user.pk)

    personal_data.erasing_account.connect(note)
    yield told
    personal_data.erasing_account.disconnect(note)


def assert_erased(pk, email):
    """The row stays (what they wrote keeps its author) but names nobody and cannot sign in."""
    row = User.objects.get(pk=pk)
    assert row.email.endswith("@erased.invalid")
    assert (row.first_name, row.last_name) == ("", "")
    assert not row.is_active
    assert not row.has_usable_password()
    assert not row.groups.exists()
    assert not MemberProfile.objects.filter(user_id=pk).exists()
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert not User.objects.filter(email=email).exists()


class TestMembersAdmin:
    def test_bulk_delete_erases_each_chosen_persons_account(
        self, signed_in, administrator, other_apps_told
    ):
        people = [approved_member(), approved_member()]
        kept = approved_member()
        ids = "&".join(f"id={user.member_profile.pk}" for user in people)

        response = signed_in(administrator).post(
            f"/admin/bulk/members/memberprofile/delete/?{ids}&next=/admin/members/", follow=True
        )

        assertContains(response, "2 accounts have been erased")
        for user in people:
            assert_erased(user.pk, user.email)
        assert sorted(other_apps_told) == sorted(user.pk for user in people)
        assert User.objects.get(pk=kept.pk).is_active

    def test_bulk_delete_confirmation_says_the_accounts_are_erased(self, signed_in, administrator):
        person = approved_member(user=UserFactory(first_name="Ruth", last_name="Okafor"))

        response = signed_in(administrator).get(
            f"/admin/bulk/members/memberprofile/delete/?id={person.member_profile.pk}"
        )

        assertContains(response, "Ruth Okafor")
        assertContains(response, "Delete this person")
        assertContains(response, "Former member")
        assertContains(response, "resource previews and downloads")
        assert User.objects.get(pk=person.pk).is_active

    def test_bulk_delete_leaves_out_your_own_account(self, signed_in, administrator):
        MemberProfile.objects.create(
            user=administrator, job_role="Lead", organisation="Trust", sector="health"
        )
        other = approved_member()
        ids = f"id={administrator.member_profile.pk}&id={other.member_profile.pk}"

        signed_in(administrator).post(f"/admin/bulk/members/memberprofile/delete/?{ids}")

        assert User.objects.get(pk=administrator.pk).is_active
        assert_erased(other.pk, other.email)

    def test_editors_cannot_delete_accounts(self, signed_in, editor):
        person = approved_member()

        response = signed_in(editor).post(
            f"/admin/bulk/members/memberprofile/delete/?id={person.member_profile.pk}"
        )

        assert response.status_code in (302, 403)
        assert User.objects.get(pk=person.pk).is_active

    def test_single_delete_erases_the_account_not_only_the_profile(
        self, signed_in, administrator, other_apps_told
    ):
        person = approved_member()
        url = reverse("members_admin:delete", args=[person.member_profile.pk])
        client = signed_in(administrator)

        page = client.get(url)
        response = client.post(url, follow=True)

        assertContains(page, "Former member")
        assertContains(response, "1 account has been erased")
        assert_erased(person.pk, person.email)
        assert other_apps_told == [person.pk]


class TestWagtailUsersAdmin:
    def test_deleting_a_user_erases_them_and_keeps_the_row(
        self, signed_in, administrator, other_apps_told
    ):
        person = approved_member()
        url = reverse("wagtailusers_users:delete", args=[person.pk])

        response = signed_in(administrator).post(url, follow=True)

        assert response.redirect_chain[-1][0] == reverse("wagtailusers_users:index")
        assertContains(response, "1 account has been erased")
        assert_erased(person.pk, person.email)
        assert other_apps_told == [person.pk]

    def test_the_confirmation_page_says_the_account_is_erased(self, signed_in, administrator):
        person = approved_member(user=UserFactory(email="ruth@example.org"))

        response = signed_in(administrator).get(
            reverse("wagtailusers_users:delete", args=[person.pk])
        )

        assertContains(response, "ruth@example.org")
        assertContains(response, "Former member")
        assertNotContains(response, "Are you sure you want to delete this user?")
        assert User.objects.get(pk=person.pk).is_active

    def test_bulk_delete_erases_each_chosen_user(self, signed_in, administrator, other_apps_told):
        people = [approved_member(), UserFactory()]
        ids = "&".join(f"id={user.pk}" for user in people)

        page = signed_in(administrator).get(f"/admin/bulk/members/user/delete/?{ids}")
        response = signed_in(administrator).post(
            f"/admin/bulk/members/user/delete/?{ids}&next=/admin/users/", follow=True
        )

        assertContains(page, "Former member")
        assertContains(response, "2 accounts have been erased")
        for user in people:
            assert_erased(user.pk, user.email)
        assert sorted(other_apps_told) == sorted(user.pk for user in people)

    def test_erasing_is_logged_by_who_did_it_without_their_name(self, signed_in, administrator):
        person = approved_member(user=UserFactory(first_name="Ruth", last_name="Okafor"))

        signed_in(administrator).post(reverse("wagtailusers_users:delete", args=[person.pk]))

        entry = ModelLogEntry.objects.for_instance(User.objects.get(pk=person.pk)).get()
        assert (entry.action, entry.user, entry.label) == (
            "members.erase_account",
            administrator,
            "Former member",
        )
        assert not ModelLogEntry.objects.filter(label__contains="Okafor").exists()


def test_the_django_admin_cannot_delete_users():
    """Deleting the row would skip erasure; if someone registers the user model there, its
    delete must be made to erase first (and this test changed to check it)."""
    assert get_user_model() not in admin.site._registry
    assert MemberProfile not in admin.site._registry
