"""Joining: sign up, confirm the email, wait for approval, get approved by an editor."""

import re
from urllib.parse import urlparse

from django.test import Client
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from members.models import MemberProfile, User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "first_name": "Priya",
    "last_name": "Shah",
    "email": "priya.shah@example.org",
    "password1": "kettle-harbour-lantern-9",
    "password2": "kettle-harbour-lantern-9",
    "job_role": "School nurse",
    "organisation": "Northgate Academy",
    "sector": "education",
}


def confirmation_path(message):
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    return urlparse(link).path


def test_sign_up_creates_a_pending_member_and_sends_a_confirmation_link(client, mailoutbox):
    response = client.post(reverse("account_signup"), SIGN_UP)

    assertRedirects(response, reverse("account_email_verification_sent"))
    profile = MemberProfile.objects.get(user__email="priya.shah@example.org")
    assert profile.status == MemberProfile.Status.PENDING
    assert (profile.job_role, profile.organisation, profile.sector) == (
        "School nurse",
        "Northgate Academy",
        "education",
    )
    assert profile.user.get_full_name() == "Priya Shah"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["priya.shah@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_check_your_email_page_says_what_happens_next(client):
    response = client.post(reverse("account_signup"), SIGN_UP, follow=True)

    assertContains(response, "Check your email")
    assertContains(response, "What happens next")


def test_following_the_emailed_link_signs_in_a_pending_member_who_is_told_to_wait(
    client, mailoutbox
):
    client.post(reverse("account_signup"), SIGN_UP)
    path = confirmation_path(mailoutbox[0])

    confirm_page = client.get(path)
    response = client.post(path, follow=True)

    assertContains(confirm_page, "Confirm my email address")
    assert response.redirect_chain[-1][0] == reverse("members:account")
    assertContains(response, "waiting for approval")
    assertContains(response, "What happens next")
    assert response.context["user"].email == "priya.shah@example.org"


def test_an_expired_or_wrong_confirmation_link_explains_what_to_do(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))

    assertContains(response, "This link has expired or has already been used")


def test_whole_journey_from_sign_up_to_approved_member(client, mailoutbox, editor):
    client.post(reverse("account_signup"), SIGN_UP)
    client.post(confirmation_path(mailoutbox[0]))
    profile = MemberProfile.objects.get(user__email="priya.shah@example.org")
    editor_client = Client()
    editor_client.force_login(editor)

    listing = editor_client.get(reverse("members_admin:list"), {"status": "pending"})
    response = editor_client.post(reverse("members_admin:approve", args=[profile.pk]))
    account_page = client.get(reverse("members:account"))

    assertContains(listing, "Priya Shah")
    assertRedirects(response, reverse("members_admin:list"))
    approved_email = mailoutbox[-1]
    assert approved_email.to == ["priya.shah@example.org"]
    assert "approved" in approved_email.body
    assertContains(account_page, "You are a member of the community")
    assertNotContains(account_page, "waiting for approval")


class TestSignUpMistakes:
    def test_missing_fields_are_each_named_in_the_error_summary_and_typed_values_kept(
        self, client
    ):
        data = {**SIGN_UP, "job_role": "", "sector": ""}

        response = client.post(reverse("account_signup"), data)

        assert response.status_code == 200
        assertContains(response, "There is a problem")
        assertContains(response, 'href="#id_job_role">Enter your job role</a>', html=False)
        assertContains(response, "Choose the sector you work in")
        assertContains(response, "nhsuk-form-group--error")
        assertContains(response, 'value="Priya"')
        assertContains(response, 'value="priya.shah@example.org"')
        assertContains(response, 'value="Northgate Academy"')
        assertNotContains(response, SIGN_UP["password1"])
        assert not User.objects.filter(email="priya.shah@example.org").exists()

    def test_a_weak_password_is_explained_and_nothing_else_is_lost(self, client):
        data = {**SIGN_UP, "password1": "password", "password2": "password"}

        response = client.post(reverse("account_signup"), data)

        assertContains(response, "There is a problem")
        assertContains(response, 'href="#id_password1"', html=False)
        assertContains(response, "too short")
        assertContains(response, 'value="School nurse"')
        assert not User.objects.filter(email="priya.shah@example.org").exists()

    def test_passwords_that_do_not_match_are_reported(self, client):
        data = {**SIGN_UP, "password2": "kettle-harbour-lantern-8"}

        response = client.post(reverse("account_signup"), data)

        assertContains(response, 'href="#id_password2"', html=False)

    def test_an_email_address_in_the_wrong_format_is_explained(self, client):
        response = client.post(reverse("account_signup"), {**SIGN_UP, "email": "priya@"})

        assertContains(response, "Enter an email address in the correct format")

    def test_a_sector_outside_the_list_is_refused(self, client):
        response = client.post(reverse("account_signup"), {**SIGN_UP, "sector": "pirates"})

        assertContains(response, "Choose the sector you work in")
        assert not User.objects.filter(email="priya.shah@example.org").exists()

    def test_signing_up_with_an_address_already_registered_creates_no_second_account(
        self, client, mailoutbox
    ):
        UserFactory(email="priya.shah@example.org")

        response = client.post(reverse("account_signup"), SIGN_UP)

        assertRedirects(response, reverse("account_email_verification_sent"))
        assert User.objects.filter(email="priya.shah@example.org").count() == 1
        assert not MemberProfile.objects.filter(user__email="priya.shah@example.org").exists()
        assert "You already have an account" in mailoutbox[0].subject
        assert "/accounts/password/reset/" in mailoutbox[0].body


def test_sign_up_page_has_one_heading_and_a_label_for_every_field(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()

    assert html.count("<h1") == 1
    for field in SIGN_UP:
        assert f'for="id_{field}"' in html


def test_sign_in_with_a_wrong_password_says_so_plainly_and_keeps_the_email(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "not-my-password"}
    )

    assertContains(response, "The email address or password is not right")
    assertContains(response, f'value="{member.email}"')


def test_sign_in_with_nothing_typed_names_both_fields(client):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    assertContains(response, "Enter your email address")
    assertContains(response, "Enter your password")
