"""Account emails (allauth's and ours) in the site's own voice and name, in the language the
person used; none to addresses with no account; a short note after each account change; one
message, not two, after confirming an email address."""

import re
import time
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import allauth
import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from pytest_django.asserts import assertContains

from members.emails import common_context
from members.models import User

from .factories import PASSWORD, approved_member
from .test_joining import SIGN_UP, confirmation_path

pytestmark = pytest.mark.django_db

SITE_NAME = settings.WAGTAIL_SITE_NAME
STOCK_TEMPLATES = Path(allauth.__file__).parent / "templates"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"


def allauth_email_prefixes():
    """Every email allauth's account and mfa apps can send, as "account/email/password_changed"."""
    return sorted(
        str(subject.relative_to(STOCK_TEMPLATES)).removesuffix("_subject.txt")
        for app in ("account", "mfa")
        for subject in (STOCK_TEMPLATES / app / "email").glob("*_subject.txt")
    )


@pytest.fixture
def rendered_in():
    """Records the active language while each email template renders: {template: language}."""
    seen = {}

    def record(sender, template, context, **kwargs):
        if template.name and "/email/" in template.name:
            seen[template.name] = translation.get_language()

    template_rendered.connect(record)
    yield seen
    template_rendered.disconnect(record)


@pytest.fixture
def site_address(settings):
    # Not 127.0.0.1 (the test client's own address), so a test can tell that is not shown.
    settings.WAGTAILADMIN_BASE_URL = "https://community.example.org"


def reset_link(message):
    """The emailed link to choose a new password."""
    return re.search(r"https?://\S+/password/reset/key/\S+", message.body).group(0)


class TestEveryEmailIsOurs:
    @pytest.mark.parametrize("prefix", allauth_email_prefixes())
    def test_no_stock_allauth_text_can_reach_anyone(self, prefix):
        for part in ("_subject.txt", "_message.txt"):
            template = get_template(prefix + part)

            assert Path(template.origin.name).is_relative_to(OUR_TEMPLATES), prefix + part

    @pytest.mark.parametrize("prefix", allauth_email_prefixes())
    def test_each_greets_signs_with_the_sites_name_and_never_says_where_from(self, prefix):
        context = {
            **common_context(),
            "timestamp": timezone.now(),
            "ip": "203.0.113.9",
            "user_agent": "ExampleBrowser/1.0",
            "from_email": "old@example.org",
            "to_email": "new@example.org",
            "deleted_email": "old@example.org",
            "email": "someone@example.org",
            "code": "BCDF-GHJK",
            "activate_url": "https://community.example.org/accounts/confirm-email/key/",
            "signup_url": "https://community.example.org/accounts/signup/",
        }

        body = render_to_string(f"{prefix}_message.txt", context)

        assert body.startswith("Hello")
        assert body.rstrip().endswith(SITE_NAME)
        assert "Hello from" not in body
        assert "203.0.113.9" not in body
        assert "ExampleBrowser" not in body


class TestPasswordReset:
    def test_the_reset_email_is_in_our_words_with_the_sites_name(self, client, member, mailoutbox):
        response = client.post(reverse("account_reset_password"), {"email": member.email})

        assert response.status_code == 302
        assert len(mailoutbox) == 1
        email = mailoutbox[0]
        assert email.to == [member.email]
        assert email.subject == f"[{SITE_NAME}] Choose a new password"
        assert "Hello from" not in email.body
        assert "testserver" not in email.body.replace(reset_link(email), "link")
        assert "Select this link to choose a new password" in email.body
        assert email.body.rstrip().endswith(SITE_NAME)

    def test_a_reset_asked_for_in_welsh_is_written_with_welsh_active(
        self, client, member, mailoutbox, rendered_in
    ):
        client.post("/cy/accounts/password/reset/", {"email": member.email})

        assert rendered_in["account/email/password_reset_key_message.txt"] == "cy"
        assert rendered_in["account/email/password_reset_key_subject.txt"] == "cy"
        email = mailoutbox[0]
        assert urlparse(reset_link(email)).path.startswith("/cy/accounts/password/reset/key/")
        with translation.override("cy"):
            assert email.subject == f"[{SITE_NAME}] " + gettext("Choose a new password")
            assert gettext("Select this link to choose a new password:") in email.body
        assert SITE_NAME in email.body
        # For the lead, once the catalogue has these strings: assert a Welsh phrase here, e.g.
        # assert "<Welsh for 'Choose a new password'>" in email.subject

    def test_a_reset_for_an_address_with_no_account_sends_nothing_and_looks_the_same(
        self, client, member, mailoutbox
    ):
        known = client.post(
            reverse("account_reset_password"), {"email": member.email}, follow=True
        )
        mailoutbox.clear()

        unknown = client.post(
            reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True
        )

        assert mailoutbox == []
        assert unknown.redirect_chain == known.redirect_chain
        assert unknown.status_code == known.status_code == 200
        assert unknown.templates[0].name == known.templates[0].name

    def test_choosing_the_new_password_sends_a_short_note(self, client, member, mailoutbox):
        client.post(reverse("account_reset_password"), {"email": member.email})
        form = client.get(urlparse(reset_link(mailoutbox[0])).path, follow=True)
        new = "violet-meadow-compass-17"

        client.post(form.redirect_chain[-1][0], {"password1": new, "password2": new})

        assert User.objects.get(pk=member.pk).check_password(new)
        note = mailoutbox[-1]
        assert note.subject == f"[{SITE_NAME}] Your new password is set"
        assert "A new password was chosen for your account" in note.body


class TestNotesAfterAChange:
    def test_changing_the_password_sends_a_note_with_when_but_not_where(
        self, client, member, mailoutbox, site_address
    ):
        client.force_login(member)
        new = "violet-meadow-compass-17"

        client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": new, "password2": new},
            HTTP_USER_AGENT="ExampleBrowser/1.0",
        )

        assert len(mailoutbox) == 1
        note = mailoutbox[0]
        assert note.to == [member.email]
        assert note.subject == f"[{SITE_NAME}] Your password has been changed"
        today = timezone.localtime()
        assert f"was changed on {today.day} {today:%B %Y} at " in note.body
        assert "https://community.example.org/accounts/password/reset/" in note.body
        assert "127.0.0.1" not in note.body  # the client's address
        assert "ExampleBrowser" not in note.body

    # Committed for real: allauth sends this note once the transaction commits, which inside
    # a test's rolled-back transaction would only happen after the request had ended.
    @pytest.mark.django_db(transaction=True)
    def test_turning_on_two_factor_sends_one_note(self, client, mailoutbox):
        member = approved_member()
        client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

        client.post(reverse("mfa_activate_totp"), {"code": code})

        assert [email.subject for email in mailoutbox] == [
            f"[{SITE_NAME}] Two-factor authentication is on"
        ]
        assert "authenticator app as well as your password" in mailoutbox[0].body


class TestDeletingTheAccount:
    def test_deleting_sends_one_last_email_to_the_address_it_had(self, client, member, mailoutbox):
        address, first_name = member.email, member.first_name
        client.force_login(member)

        client.post(reverse("members:delete_account"), {"password": PASSWORD})

        assert User.objects.get(pk=member.pk).is_former_member
        assert len(mailoutbox) == 1
        email = mailoutbox[0]
        assert email.to == [address]
        assert email.subject == f"[{SITE_NAME}] Your account has been deleted"
        assert f"Hello {first_name}," in email.body
        assert "This email is the last we will send you" in email.body
        assert email.alternatives[0][1] == "text/html"

    def test_the_deletion_email_is_in_the_language_the_person_used(
        self, client, member, mailoutbox, rendered_in
    ):
        client.force_login(member)

        client.post("/cy/members/account/delete/", {"password": PASSWORD})

        assert rendered_in["members/email/account_deleted_message.txt"] == "cy"
        assert rendered_in["members/email/account_deleted_message.html"] == "cy"
        assert '<html lang="cy">' in mailoutbox[0].alternatives[0][0]

    def test_a_wrong_password_deletes_nothing_and_sends_nothing(self, client, member, mailoutbox):
        client.force_login(member)

        client.post(reverse("members:delete_account"), {"password": "not-the-password"})

        assert not User.objects.get(pk=member.pk).is_former_member
        assert mailoutbox == []


def test_confirming_an_email_address_shows_one_message_not_two(client, mailoutbox):
    client.post(reverse("account_signup"), SIGN_UP)

    response = client.post(confirmation_path(mailoutbox[0]), follow=True)

    assert response.context["user"].is_authenticated
    assertContains(response, "nhsuk-notification-banner--success", count=1)
    assertContains(response, "priya.shah@example.org is confirmed")
