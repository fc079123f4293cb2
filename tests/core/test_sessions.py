"""Sign-ins on shared devices: unless the member ticks "Keep me signed in on this device", the
session ends with the browser and after COA_SESSION_IDLE_HOURS without a request."""

import time

from django.urls import reverse

import pytest

from core.middleware import LAST_ACTIVITY_SESSION_KEY

from ..members.factories import PASSWORD

TWO_WEEKS = 14 * 24 * 60 * 60


def sign_in(client, member, *, remember):
    data = {"login": member.email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def idle_for(client, hours):
    """Pretend the session's last request was `hours` ago."""
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time() - hours * 60 * 60)
    session.save()


def is_signed_in(client):
    return client.get(reverse("members:account")).status_code == 200


def test_the_sign_in_form_offers_to_keep_the_member_signed_in_on_this_device(client, db):
    response = client.get(reverse("account_login"))

    assert response.context["form"].fields["remember"].label == "Keep me signed in on this device"
    assert 'name="remember"' in response.content.decode()


def test_a_sign_in_not_kept_ends_when_the_browser_closes(client, member):
    sign_in(client, member, remember=False)

    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["expires"] == ""
    assert is_signed_in(client)


def test_a_sign_in_not_kept_ends_after_the_idle_hours(client, member, settings):
    settings.COA_SESSION_IDLE_HOURS = 4
    sign_in(client, member, remember=False)
    idle_for(client, 4.1)

    response = client.get(reverse("members:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_sign_in_not_kept_stays_while_the_member_keeps_using_it(client, member, settings):
    settings.COA_SESSION_IDLE_HOURS = 4
    sign_in(client, member, remember=False)
    idle_for(client, 3.9)

    assert is_signed_in(client)
    assert int(time.time()) - client.session[LAST_ACTIVITY_SESSION_KEY] < 60


def test_a_member_signed_out_for_idleness_is_told_why(client, member):
    sign_in(client, member, remember=False)
    idle_for(client, 5)

    response = client.get(reverse("account_login"))

    assert "You were signed out because the site was not used for a while" in (
        response.content.decode()
    )


def test_a_kept_sign_in_lasts_two_weeks_and_survives_idle_hours(client, member):
    sign_in(client, member, remember=True)
    idle_for(client, 24)

    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == TWO_WEEKS
    assert client.cookies["sessionid"]["max-age"] == TWO_WEEKS
    assert is_signed_in(client)


@pytest.mark.parametrize("hours", [1, 8])
def test_the_idle_hours_come_from_the_setting(client, member, settings, hours):
    settings.COA_SESSION_IDLE_HOURS = hours
    sign_in(client, member, remember=False)
    idle_for(client, hours + 0.1)

    assert not is_signed_in(client)
