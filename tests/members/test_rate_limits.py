"""Sign-in rate limits: failures count per address and per account-and-address, so nobody can
lock a member out by failing sign-ins for their email from many places; and a sign-in by
emailed code is always there."""

import re

from django.core import mail
from django.urls import reverse

from .factories import PASSWORD

TOO_MANY = "You have tried to sign in too many times"


def sign_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def is_signed_in_as(client, user):
    return client.session.get("_auth_user_id") == str(user.pk)


def emailed_code():
    """The sign-in code in the last email sent: a line like BCDF-GHJK."""
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE).group(1)


def test_failures_from_many_addresses_do_not_lock_the_member_out(client, member):
    for n in range(1, 7):
        failed = sign_in(client, member.email, "not-the-password", REMOTE_ADDR=f"203.0.113.{n}")
        assert failed.status_code == 200
        assert TOO_MANY not in failed.content.decode()

    response = sign_in(client, member.email, PASSWORD, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302
    assert is_signed_in_as(client, member)


def test_repeated_failures_for_one_account_from_one_address_are_stopped(client, member):
    for _ in range(5):
        sign_in(client, member.email, "not-the-password", REMOTE_ADDR="203.0.113.9")

    blocked = sign_in(client, member.email, PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert TOO_MANY in blocked.content.decode()
    assert not is_signed_in_as(client, member)


def test_many_failures_from_one_address_are_stopped_whichever_accounts_they_try(client, db):
    for n in range(10):
        sign_in(client, f"someone{n}@example.org", "not-the-password", REMOTE_ADDR="203.0.113.9")

    blocked = sign_in(client, "someone-else@example.org", "guess", REMOTE_ADDR="203.0.113.9")

    assert TOO_MANY in blocked.content.decode()


def test_behind_a_trusted_proxy_each_visitor_is_counted_by_their_own_address(
    client, member, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(1, 7):
        sign_in(
            client,
            member.email,
            "not-the-password",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = sign_in(
        client, member.email, PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert is_signed_in_as(client, member)
    assert response.status_code == 302


def test_behind_a_trusted_proxy_one_visitors_failures_are_still_stopped(client, member, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(5):
        sign_in(client, member.email, "not-the-password", **attacker)

    blocked = sign_in(client, member.email, PASSWORD, **attacker)

    assert TOO_MANY in blocked.content.decode()


def test_the_sign_in_page_offers_a_sign_in_by_emailed_code(client, db):
    response = client.get(reverse("account_login"))

    assert f'href="{reverse("account_request_login_code")}"' in response.content.decode()


def test_a_member_signs_in_with_a_code_sent_by_email(client, member):
    page = client.get(reverse("account_request_login_code"))
    assert page.status_code == 200

    asked = client.post(reverse("account_request_login_code"), {"email": member.email})

    assert asked.status_code == 302
    assert asked["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Your sign-in code" in mail.outbox[0].subject

    entered = client.post(reverse("account_confirm_login_code"), {"code": emailed_code()})

    assert entered.status_code == 302
    assert is_signed_in_as(client, member)
    # A code sign-in has no "keep me signed in" box: it ends with the browser.
    assert client.session.get_expire_at_browser_close()


def test_a_member_locked_out_of_password_sign_in_can_still_sign_in_with_a_code(client, member):
    for _ in range(6):
        sign_in(client, member.email, "not-the-password")

    client.post(reverse("account_request_login_code"), {"email": member.email})
    client.post(reverse("account_confirm_login_code"), {"code": emailed_code()})

    assert is_signed_in_as(client, member)


def test_a_wrong_code_is_shown_again_with_a_plain_message(client, member):
    client.post(reverse("account_request_login_code"), {"email": member.email})

    response = client.post(reverse("account_confirm_login_code"), {"code": "XXXX-XXXX"})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_signed_in_as(client, member)


def test_asking_a_code_for_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    asked = client.post(reverse("account_request_login_code"), {"email": "nobody@example.org"})

    assert asked["Location"] == reverse("account_confirm_login_code")
    assert mail.outbox == []  # ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS: we do not write to non-members
