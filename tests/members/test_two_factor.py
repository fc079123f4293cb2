"""Moderators and editors need an authenticator app before any admin page opens."""

import time

from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from pytest_django.asserts import assertContains, assertRedirects

from members import roles

from .factories import PASSWORD, UserFactory, add_authenticator_app, member_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_mfa(settings):
    settings.COA_REQUIRE_STAFF_MFA = True


@pytest.mark.usefixtures("require_mfa")
class TestWithTwoFactorRequired:
    @pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS])
    @pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/members/"])
    def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(
        self, signed_in, group, path
    ):
        user = member_in(group, totp=False)

        response = signed_in(user).get(path)

        assertRedirects(response, reverse("mfa_activate_totp"), fetch_redirect_response=False)

    def test_the_set_up_page_opens_and_explains_why(self, signed_in):
        editor = member_in(roles.EDITORS, totp=False)
        client = signed_in(editor)

        response = client.get("/admin/", follow=True)

        # allauth asks for the password again first when the sign-in is not recent.
        final_url = response.redirect_chain[-1][0]
        assert final_url.startswith(
            (reverse("mfa_activate_totp"), reverse("account_reauthenticate"))
        )
        assert response.status_code == 200
        assertContains(response, "set up an authenticator app")

    def test_editor_with_an_authenticator_app_opens_the_admin(self, signed_in, editor):
        response = signed_in(editor).get("/admin/")

        assert response.status_code == 200

    def test_superuser_without_an_authenticator_app_is_sent_to_set_one_up(self, signed_in):
        admin = UserFactory(is_superuser=True, is_staff=True)

        wagtail = signed_in(admin).get("/admin/")
        django = signed_in(admin).get("/django-admin/")

        assert wagtail["Location"] == reverse("mfa_activate_totp")
        assert django["Location"] == reverse("mfa_activate_totp")

    def test_superuser_with_an_authenticator_app_opens_both_admins(self, signed_in):
        admin = UserFactory(is_superuser=True, is_staff=True)
        add_authenticator_app(admin)

        assert signed_in(admin).get("/admin/").status_code == 200
        assert signed_in(admin).get("/django-admin/").status_code == 200

    def test_after_set_up_continue_returns_to_the_admin_page_asked_for(self, signed_in):
        editor = member_in(roles.EDITORS, totp=False)
        client = signed_in(editor)
        client.get("/admin/members/?status=pending")
        add_authenticator_app(editor)

        response = client.get(reverse("members:after_two_factor"))

        assertRedirects(response, "/admin/members/?status=pending", fetch_redirect_response=False)

    def test_continue_never_redirects_off_the_site(self, signed_in, editor):
        client = signed_in(editor)
        session = client.session
        session["members_after_two_factor"] = "https://elsewhere.example/phish"
        session.save()

        response = client.get(reverse("members:after_two_factor"))

        assertRedirects(response, reverse("members:account"), fetch_redirect_response=False)

    @pytest.mark.parametrize(
        "url_name", ["mfa_activate_totp", "mfa_index", "account_logout", "members:account"]
    )
    def test_set_up_pages_and_sign_out_are_not_blocked(self, signed_in, url_name):
        editor = member_in(roles.EDITORS, totp=False)

        response = signed_in(editor).get(reverse(url_name))

        assert response.get("Location") != reverse("mfa_activate_totp")
        assert response.status_code in (200, 302)

    def test_admin_sign_out_is_not_blocked(self, signed_in):
        editor = member_in(roles.EDITORS, totp=False)

        response = signed_in(editor).post(reverse("wagtailadmin_logout"))

        assert response.get("Location") != reverse("mfa_activate_totp")

    def test_ordinary_members_are_not_asked_for_a_second_factor(self, signed_in, member):
        response = signed_in(member).get(reverse("members:account"))

        assert response.status_code == 200

    def test_people_who_cannot_use_the_admin_get_a_plain_no_access_page(self, signed_in, member):
        wagtail = signed_in(member).get("/admin/")
        django = signed_in(member).get("/django-admin/")

        assertContains(wagtail, "You do not have access to this page", status_code=403)
        assertContains(django, "You do not have access to this page", status_code=403)

    def test_visitors_are_sent_to_the_one_sign_in_page(self, client):
        response = client.get("/admin/")

        assert response["Location"].startswith(reverse("account_login"))


def test_with_the_rule_off_staff_open_the_admin_with_a_password_alone(settings, signed_in):
    settings.COA_REQUIRE_STAFF_MFA = False
    editor = member_in(roles.EDITORS, totp=False)

    response = signed_in(editor).get("/admin/")

    assert response.status_code == 200


def test_set_up_asks_for_the_password_again_then_shows_the_qr_code_and_code_field(client):
    editor = member_in(roles.EDITORS, totp=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})

    first = client.get(reverse("mfa_activate_totp"), follow=True)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))

    assertContains(first, "Confirm it is you")
    assertContains(response, "Set up two-factor authentication")
    assertContains(response, "data:image/svg+xml;base64,")
    assertContains(response, 'for="id_code"')


def test_editor_sets_up_the_app_saves_codes_and_lands_back_on_the_admin_page(client):
    editor = member_in(roles.EDITORS, totp=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    client.get("/admin/members/")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    setup_page = client.get(reverse("mfa_activate_totp"))
    secret = setup_page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    activated = client.post(reverse("mfa_activate_totp"), {"code": code}, follow=True)
    back = client.get(reverse("members:after_two_factor"))

    assertContains(activated, "Your recovery codes")
    assertContains(activated, reverse("members:after_two_factor"))
    assertRedirects(back, "/admin/members/")


def test_a_wrong_code_is_explained_on_the_set_up_page(client):
    editor = member_in(roles.EDITORS, totp=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000x"})

    assertContains(response, "There is a problem")
    assertContains(response, "nhsuk-error-message")
