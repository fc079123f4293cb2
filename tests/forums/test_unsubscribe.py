"""One-click unsubscribe from forum emails, without signing in: a GET only asks, a POST
(from the page, or a mail client's RFC 8058 one-click POST without a CSRF token) stops
that one member's forum emails; an unknown link answers a kind 404."""

from django.test import Client
from django.urls import reverse

import pytest

from forums.models import NotificationPreference

from ..home.markup import parse
from ..members.factories import approved_member
from .following_helpers import prefer

pytestmark = pytest.mark.django_db

NEVER = NotificationPreference.Frequency.NEVER


@pytest.fixture
def preference(member):
    return prefer(member, frequency=NotificationPreference.Frequency.DAILY)


def url_of(preference):
    return reverse("forums_email:unsubscribe", args=[preference.unsubscribe_token])


def frequency_of(preference):
    preference.refresh_from_db()
    return preference.frequency


def test_opening_the_link_asks_first_and_changes_nothing(client, forum_index, preference):
    response = client.get(url_of(preference))

    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text() == "Stop forum emails"
    form = page.select_one("form[data-unsubscribe-form]")
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert "Bloggs" not in page.get_text()  # the page never says whose link it is
    assert frequency_of(preference) == NotificationPreference.Frequency.DAILY
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_button_stops_forum_emails_and_says_how_to_turn_them_back_on(forum_index, preference):
    client = Client(enforce_csrf_checks=True)
    page = client.get(url_of(preference))
    token = parse(page).select_one("input[name=csrfmiddlewaretoken]")["value"]

    response = client.post(url_of(preference), {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert frequency_of(preference) == NEVER
    done = parse(response)
    assert done.h1.get_text() == "You will not get forum emails any more"
    assert done.select_one("[data-preferences]")["href"] == (
        forum_index.url + forum_index.reverse_subpage("notifications")
    )


def test_a_mail_clients_one_click_post_works_without_a_csrf_token(preference, other_member):
    theirs = prefer(other_member, frequency=NotificationPreference.Frequency.IMMEDIATELY)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        url_of(preference),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert frequency_of(preference) == NEVER
    assert frequency_of(theirs) == NotificationPreference.Frequency.IMMEDIATELY


def test_unsubscribing_keeps_the_other_settings(preference):
    prefer(preference.member, frequency="daily", private_email=True)

    Client().post(
        url_of(preference),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    preference.refresh_from_db()
    assert preference.frequency == NEVER
    assert preference.private_email


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 200])
def test_an_unknown_link_is_not_found_and_says_so_kindly(client, preference, token):
    response = client.post(reverse("forums_email:unsubscribe", args=[token]))

    assert response.status_code == 404
    assert "We could not find this link" in parse(response).h1.get_text()
    assert frequency_of(preference) != NEVER
    assert client.get(reverse("forums_email:unsubscribe", args=[token])).status_code == 404


def test_tokens_are_long_random_and_each_members_own(member):
    tokens = {
        prefer(person).unsubscribe_token
        for person in (member, approved_member(), approved_member())
    }

    assert len(tokens) == 3
    assert all(len(token) >= 32 for token in tokens)


def test_the_link_takes_no_other_method(client, preference):
    assert client.put(url_of(preference)).status_code == 405
    assert frequency_of(preference) != NEVER
