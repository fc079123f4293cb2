"""Joining in a real browser: sign up, verify the email, wait, be approved by an editor
who signs in with a password and a code from an authenticator app."""

import re

from django.core import mail

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from members.models import MemberProfile
from tests.members.factories import member_in

from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-safe-passphrase-2026"


def fill_sign_up(page, **overrides):
    values = {
        "First name": "Rhiannon",
        "Last name": "Evans",
        "Email address": "rhiannon.evans@example.org",
        "Job role": "Practice educator",
        "Organisation": "Example Health Board",
        **overrides,
    }
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(PASSWORD)
    page.get_by_label("Sector", exact=True).select_option("health")


def current_code(secret):
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_visitor_joins_verifies_and_is_approved_by_an_editor(page, browser, demo_pages):
    mail.outbox.clear()
    page.goto("/accounts/signup/")
    assert serious_axe_violations(page) == []

    # A missing field re-shows the form with the error; what was typed is kept.
    fill_sign_up(page, **{"Job role": ""})
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_role("alert")).to_contain_text("job role")
    expect(page.get_by_label("Organisation", exact=True)).to_have_value("Example Health Board")
    assert serious_axe_violations(page) == []

    fill_sign_up(page)
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator("h1")).to_contain_text(re.compile("email", re.I))
    assert serious_axe_violations(page) == []

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page.locator("main")).to_contain_text("waiting for approval")
    assert serious_axe_violations(page) == []

    editor_context = browser.new_context(base_url=page.context._impl_obj._options["baseURL"])
    editor = editor_context.new_page()
    editor_user = member_in("Core action group editors", totp=False)
    editor_user.set_password(PASSWORD)
    editor_user.save()
    secret = generate_totp_secret()
    TOTP.activate(editor_user, secret)
    editor.goto("/accounts/login/?next=/admin/members/")
    editor.get_by_label("Email address", exact=True).fill(editor_user.email)
    editor.get_by_label("Password", exact=True).fill(PASSWORD)
    editor.get_by_role("button", name="Sign in").click()
    editor.get_by_label("Code", exact=True).fill(current_code(secret))
    editor.get_by_role("button", name="Sign in").click()
    expect(editor).to_have_url(re.compile("/admin/members/"))
    profile = MemberProfile.objects.get(user__email="rhiannon.evans@example.org")
    editor.goto(f"/admin/members/approve/{profile.pk}/")
    editor.get_by_role("button", name="Yes, approve").click()
    editor_context.close()

    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.APPROVED
    assert any("rhiannon.evans@example.org" in message.to for message in mail.outbox)
    page.goto("/members/account/")
    expect(page.locator("main")).not_to_contain_text("waiting for approval")
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/members/account/",
        "/members/account/profile/",
        "/members/account/delete/",
        "/accounts/password/change/",
        "/accounts/email/",
    ],
)
def test_member_account_pages_have_no_serious_accessibility_violations(
    page, demo_pages, live_server, path
):
    from tests.members.factories import approved_member

    user = approved_member()
    user.set_password(PASSWORD)
    user.save()
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(path)

    expect(page.locator("h1")).to_have_count(1)
    assert serious_axe_violations(page) == []
