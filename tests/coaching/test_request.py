"""Asking for coaching at /coaching/: anyone may send the form; bad input comes back with
its errors and everything kept; the person gets their reference by email and on the
thank-you page (theirs only), the editors a short note; and sending is rate-limited."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from coaching import views
from coaching.models import CoachingRequest
from members import roles

from ..members.factories import approved_member, member_in

pytestmark = pytest.mark.django_db

URL = "/coaching/"
THANKS = "/coaching/thank-you/"

GOOD = {
    "organisation": "Northfield Community Mental Health Team",
    "team": "Early intervention",
    "sector": "health",
    "help_wanted": "We have trained everyone and want to know what to change first.",
    "preferred_format": "online",
    "contact_name": "Sam Example",
    "contact_email": "sam@example.org",
    "agree": "on",
}


@pytest.fixture
def editor(db):
    return member_in(roles.EDITORS, user__email="editor@example.org", user__first_name="Eddie")


def send(client, **changes):
    data = {**GOOD, **changes}
    return client.post(URL, {key: value for key, value in data.items() if value is not None})


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


# The page ------------------------------------------------------------------------------


def test_the_url_names_are_the_ones_other_apps_link_to():
    assert reverse("coaching:request") == URL
    assert reverse("coaching:feedback", kwargs={"token": "abc"}) == "/coaching/feedback/abc/"


def test_a_visitor_reads_what_coaching_is_and_who_sees_their_details(client):
    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, "<h1>Ask for coaching for your organisation</h1>", html=True)
    assertContains(response, "solution-focused")
    assertContains(response, "It is free")
    assertContains(response, "reply within 2 weeks")
    assertContains(response, "the editors of the core action group, and the coach we match")
    for label in (
        "Organisation",
        "Team or service (optional)",
        "Sector",
        "What would you like help with?",
        "How would you like to meet?",
        "Your name",
        "Your email address",
        "I agree you may keep these details to reply and arrange coaching",
    ):
        assertContains(response, label)
    assertContains(response, 'for="id_organisation"')
    assertContains(response, 'for="id_agree"')


def test_the_page_has_no_inline_script_or_style(client):
    html = client.get(URL).content.decode()

    assert "<script>" not in html and "<style" not in html and 'style="' not in html


# Sending it ----------------------------------------------------------------------------


def test_a_visitor_sends_a_request_and_it_is_kept_with_a_reference(client):
    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == THANKS
    request = CoachingRequest.objects.get()
    assert request.reference.startswith("COA-") and len(request.reference) == 10
    assert request.organisation == GOOD["organisation"]
    assert request.team == "Early intervention"
    assert request.sector == "health"
    assert request.help_wanted == GOOD["help_wanted"]
    assert request.preferred_format == "online"
    assert (request.contact_name, request.contact_email) == ("Sam Example", "sam@example.org")
    assert request.status == CoachingRequest.Status.NEW
    assert request.requested_by is None
    assert request.coach is None


def test_the_team_is_optional_and_spaces_are_tidied(client):
    send(client, team="", organisation="  Northfield   Council ", contact_name=" Sam  Ex ")

    request = CoachingRequest.objects.get()
    assert (request.organisation, request.team, request.contact_name) == (
        "Northfield Council",
        "",
        "Sam Ex",
    )


def test_the_thank_you_page_shows_the_reference_of_the_request_just_sent(client):
    response = send(client, contact_email="sam@example.org")
    request = CoachingRequest.objects.get()

    page = client.get(response["Location"])

    assert page.status_code == 200
    assertContains(page, f"<strong data-reference>{request.reference}</strong>", html=True)
    assertContains(page, "We have emailed the reference to sam@example.org")
    assert "no-store" in page["Cache-Control"]


def test_the_thank_you_page_never_shows_someone_elses_reference(client, another_browser):
    send(client)
    request = CoachingRequest.objects.get()

    page = another_browser.get(THANKS)

    assert page.status_code == 200
    assertNotContains(page, request.reference)
    assertNotContains(page, "sam@example.org")
    assertContains(page, "Thank you: we have your request")


@pytest.fixture
def another_browser():
    """A second browser, with a session of its own."""
    from django.test import Client

    return Client()


def test_a_second_request_from_the_same_browser_shows_the_latest_reference(client):
    send(client)
    send(client, organisation="Westmoor Primary School", sector="education")
    latest = CoachingRequest.objects.get(organisation="Westmoor Primary School")
    first = CoachingRequest.objects.exclude(pk=latest.pk).get()

    page = client.get(THANKS)

    assertContains(page, latest.reference)
    assertNotContains(page, first.reference)


# The emails ----------------------------------------------------------------------------


def test_the_person_gets_their_reference_and_what_happens_next(client):
    send(client)
    request = CoachingRequest.objects.get()

    (message,) = emails_to("sam@example.org")

    assert request.reference in message.subject
    body = message.body
    assert body.startswith("Hello Sam Example,")
    assert "Thank you for asking for coaching for Northfield Community Mental Health Team" in body
    assert f"Your reference is {request.reference}." in body
    assert "reply within 2 weeks" in body
    assert "match you with a coach from the community" in body
    assert "When the coaching ends, we will email you a short form" in body
    assert "Only the editors of the core action group and the coach we match you with" in body
    html = message.alternatives[0][0]
    assert f"<strong>{request.reference}</strong>" in html


def test_editors_get_a_short_note_with_a_link_to_the_admin(client, editor):
    moderator = member_in(roles.MODERATORS)
    send(client)

    (message,) = emails_to(editor.email)

    assert message.subject.endswith("A new request for coaching")
    assert "Hello Eddie," in message.body
    assert "Northfield Community Mental Health Team (Health) has asked for coaching." in (
        message.body
    )
    request = CoachingRequest.objects.get()
    edit_page = reverse("coaching_requests:edit", args=[request.pk])
    assert f"{settings.WAGTAILADMIN_BASE_URL}{edit_page}" in message.body
    assert f'href="{settings.WAGTAILADMIN_BASE_URL}{edit_page}"' in message.alternatives[0][0]
    # Nothing of what they asked for, or who they are.
    for private in ("sam@example.org", "Sam Example", "trained everyone", "Early intervention"):
        assert private not in message.body
        assert private not in message.alternatives[0][0]
    assert emails_to(moderator.email) == []


def test_the_editors_link_falls_back_to_the_admin_home_without_the_admin_pages(
    client, editor, monkeypatch
):
    monkeypatch.setattr(views, "ADMIN_EDIT_URL_NAME", "no_such_viewset:edit")
    send(client)

    (message,) = emails_to(editor.email)

    assert "/admin/\n" in message.body


# Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Enter the name of your organisation"),
        ({"organisation": "x" * 201}, "organisation", "up to 200 characters"),
        ({"team": "x" * 201}, "team", "Team names can be up to 200 characters"),
        ({"sector": ""}, "sector", "Choose the sector your organisation works in"),
        ({"sector": "space"}, "sector", "Choose the sector your organisation works in"),
        ({"help_wanted": " "}, "help_wanted", "Tell us a little about what you would like"),
        ({"help_wanted": "x" * 3001}, "help_wanted", "up to 3000 characters: yours has 3001"),
        ({"preferred_format": None}, "preferred_format_0", "Choose how you would like to meet"),
        ({"preferred_format": "by pigeon"}, "preferred_format_0", "Choose how you would like"),
        ({"contact_name": ""}, "contact_name", "Enter your name"),
        ({"contact_email": ""}, "contact_email", "Enter your email address"),
        ({"contact_email": "sam-at-example"}, "contact_email", "in the correct format"),
        ({"agree": None}, "agree", "Tick the box to say we may keep these details"),
    ],
)
def test_bad_input_comes_back_with_its_error_linked_and_everything_kept(
    client, changes, field, message
):
    response = send(client, **changes)

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, f'href="#id_{field}"')
    assertContains(response, message)
    assert response.context["form"].data["contact_email"] == changes.get(
        "contact_email", "sam@example.org"
    )
    html = response.content.decode()
    if "organisation" not in changes:
        assert 'value="Northfield Community Mental Health Team"' in html
    if "help_wanted" not in changes:
        assert "We have trained everyone and want to know what to change first." in html
    assert "<title>Error:" in html
    assert not CoachingRequest.objects.exists()
    assert mail.outbox == []


def test_the_choices_made_are_kept_when_the_form_comes_back(client):
    response = send(client, contact_name="")

    html = response.content.decode()
    assert 'value="online" checked' in html
    assert '<option value="health" selected>' in html
    agree = re.search(r'<input[^>]*name="agree"[^>]*>', html).group(0)
    assert " checked" in agree


# Members -------------------------------------------------------------------------------


def test_a_signed_in_member_finds_their_name_and_email_filled_in(signed_in):
    member = approved_member(
        user__first_name="Jo", user__last_name="Bloggs", user__email="jo@example.org"
    )

    response = signed_in(member).get(URL)

    assertContains(response, 'value="Jo Bloggs"')
    assertContains(response, 'value="jo@example.org"')
    assert "no-store" in response["Cache-Control"]


def test_a_members_request_remembers_who_sent_it_even_with_another_address(signed_in):
    member = approved_member(user__email="jo@example.org")

    signed_in(member).post(URL, {**GOOD, "contact_email": "team-inbox@example.org"})

    request = CoachingRequest.objects.get()
    assert request.requested_by == member
    assert request.contact_email == "team-inbox@example.org"
    assert len(emails_to("team-inbox@example.org")) == 1


# Robots and rate limits ----------------------------------------------------------------


def test_a_form_that_fills_in_the_hidden_trap_is_not_kept_or_emailed(client, editor):
    response = send(client, website="https://spam.example")

    assert response.status_code == 302
    assert not CoachingRequest.objects.exists()
    assert mail.outbox == []
    assertNotContains(client.get(THANKS), "COA-")


def test_the_trap_is_hidden_from_people_and_screen_readers(client):
    html = client.get(URL).content.decode()

    trap = html.split('name="website"')[0].rsplit("<div", 1)[1]
    assert 'class="nhsuk-u-visually-hidden" aria-hidden="true"' in trap


def test_after_five_requests_in_an_hour_the_next_waits_with_everything_kept(client):
    for number in range(5):
        assert send(client, organisation=f"Organisation {number}").status_code == 302

    response = send(client, organisation="Organisation 6")

    assert response.status_code == 429
    assertContains(response, "Please wait an hour and try again", status_code=429)
    assertContains(response, 'value="Organisation 6"', status_code=429)
    assert CoachingRequest.objects.count() == 5
    assert len(emails_to("sam@example.org")) == 5


def test_the_limit_is_per_address(client):
    for number in range(5):
        send(client, organisation=f"Organisation {number}")

    response = client.post(URL, {**GOOD, "organisation": "Elsewhere"}, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302
    assert CoachingRequest.objects.filter(organisation="Elsewhere").exists()


def test_mistakes_do_not_count_towards_the_limit(client):
    for _ in range(6):
        send(client, contact_email="wrong")

    assert send(client).status_code == 302
