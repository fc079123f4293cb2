"""Every webinar URL applies the one access rule, for every kind of person, in both areas.

Areas: a public listing, and a members-only listing (its webinars' titles stay visible;
their contents, files and routes need an approved member). People: a visitor, a pending,
declined and suspended member, an approved member and an editor (also an approved member).
Expected: "sign in" is a redirect to the sign-in page; 403 is the kind page that says the
person's real standing; "back" is a redirect to the webinar's page with a message.
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from webinars.models import CalendarToken, Registration, WebinarDocument, WebinarPage

from ..home.markup import parse
from ..resources.factories import ResourceDocumentFactory
from .conftest import PEOPLE
from .factories import WebinarFactory, register

pytestmark = pytest.mark.django_db

SIGN_IN = "sign in"
BACK = "back"
OK = 200
NO = 403
ALL_OK = (OK,) * 6
#         visitor  pending declined suspended member editor
MEMBERS = (SIGN_IN, NO, NO, NO, OK, OK)

PUBLIC = {
    "listing": ALL_OK,
    "page": ALL_OK,
    "register": (SIGN_IN, NO, NO, NO, BACK, BACK),
    "cancel": (SIGN_IN, BACK, BACK, BACK, BACK, BACK),
    "calendar": ALL_OK,
    "file": ALL_OK,
    "recording": MEMBERS,
    "transcript": ALL_OK,
    "listing calendar": ALL_OK,
    "rss": ALL_OK,
    "atom": ALL_OK,
    "my webinars": (SIGN_IN, OK, OK, OK, OK, OK),
}
MEMBERS_ONLY = {
    "listing": ALL_OK,
    "page": ALL_OK,
    "register": (SIGN_IN, NO, NO, NO, BACK, BACK),
    "cancel": (SIGN_IN, NO, NO, NO, BACK, BACK),
    "calendar": MEMBERS,
    "file": MEMBERS,
    "recording": MEMBERS,
    "transcript": MEMBERS,
    "listing calendar": ALL_OK,
    "rss": ALL_OK,
    "atom": ALL_OK,
    "my webinars": (SIGN_IN, OK, OK, OK, OK, OK),
}
POSTED = {"register", "cancel"}
STANDING_WORDS = {
    "pending": "waiting for approval",
    "declined": "not able to approve",
    "suspended": "paused",
}


@pytest.fixture(params=["public", "members only"])
def area(request, listing):
    if request.param == "members only":
        type(listing).objects.filter(pk=listing.pk).update(members_only=True)
        listing.refresh_from_db()
    return request.param


@pytest.fixture
def webinars(area, listing, upcoming, past):
    """The upcoming webinar with slides; the past one with a recording file and transcript."""
    item = WebinarDocument.objects.create(
        page=upcoming, title="Slides", document=ResourceDocumentFactory()
    )
    WebinarPage.objects.filter(pk=past.pk).update(
        recording_document=ResourceDocumentFactory(title="Recording"),
        transcript_document=ResourceDocumentFactory(title="Transcript"),
    )
    past.refresh_from_db()
    return {
        "listing": (listing.url, upcoming),
        "page": (upcoming.url, upcoming),
        "register": (upcoming.url + "register/", upcoming),
        "cancel": (upcoming.url + "cancel-registration/", upcoming),
        "calendar": (upcoming.url + "calendar/", upcoming),
        "file": (f"{upcoming.url}files/{item.pk}/", upcoming),
        "recording": (past.url + "recording/", past),
        "transcript": (past.url + "transcript/", past),
        "listing calendar": (listing.url + "calendar/", upcoming),
        "rss": (listing.url + "feed/", upcoming),
        "atom": (listing.url + "feed/atom/", upcoming),
        "my webinars": ("/my-webinars/", upcoming),
    }


def outcome(response, webinar):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return SIGN_IN
        if location.startswith(webinar.url):
            return BACK
        return location
    return response.status_code


@pytest.mark.parametrize("who", PEOPLE)
def test_every_webinar_url_applies_the_access_rule(signed_in, people, area, webinars, who):
    """Every URL in turn for one person (in the table's order: registering before
    cancelling), so the people and webinars are made once per person and area."""
    client = signed_in(people[who])
    for kind, (url, webinar) in webinars.items():
        expected = (PUBLIC if area == "public" else MEMBERS_ONLY)[kind][PEOPLE.index(who)]

        response = client.post(url) if kind in POSTED else client.get(url)

        assert outcome(response, webinar) == expected, (area, kind, who)
        if expected == NO:
            words = " ".join(parse(response).get_text(" ").split())
            assert STANDING_WORDS[who] in words, (area, kind, who)
        if kind == "register":
            registered = Registration.objects.filter(member=people[who]).exists()
            assert registered == (expected == BACK), (area, kind, who)


@pytest.mark.parametrize("who", PEOPLE)
def test_members_only_listing_shows_non_members_titles_only(
    signed_in, people, listing, upcoming, who
):
    type(listing).objects.filter(pk=listing.pk).update(members_only=True)
    approved = who in ("member", "editor")

    soup = parse(signed_in(people[who]).get(listing.url))

    item = soup.select_one("main [data-upcoming] li")
    assert upcoming.title in item.get_text()
    assert (item.find("a", href=upcoming.url) is not None) == approved
    assert (upcoming.summary in item.get_text()) == approved
    assert ("Alex Morgan" in item.get_text()) == approved


@pytest.mark.parametrize("who", PEOPLE)
def test_members_only_webinar_page_shows_non_members_its_title_only(
    signed_in, people, listing, upcoming, who
):
    type(listing).objects.filter(pk=listing.pk).update(members_only=True)
    approved = who in ("member", "editor")

    response = signed_in(people[who]).get(upcoming.url)

    text = " ".join(parse(response).select_one("main").get_text(" ").split())
    assert upcoming.title in text
    assert (upcoming.summary in text) == approved
    assert ("Alex Morgan" in text) == approved
    assert ("Sam Taylor" in text) == approved
    assert upcoming.joining_link not in text
    if not approved:
        assert parse(response).select_one("#registration") is None
        assert STANDING_WORDS.get(who, "Sign in to open") in text
    assert response.headers["Cache-Control"].count("private") == 1


@pytest.mark.parametrize("kind", ["listing calendar", "rss", "atom"])
@pytest.mark.parametrize("who", PEOPLE)
def test_calendar_and_feeds_leave_out_members_only_webinars_for_non_members(
    signed_in, people, listing, upcoming, kind, who
):
    type(listing).objects.filter(pk=listing.pk).update(members_only=True)
    path = {"listing calendar": "calendar/", "rss": "feed/", "atom": "feed/atom/"}[kind]

    response = signed_in(people[who]).get(listing.url + path)

    approved = who in ("member", "editor")
    assert (upcoming.title in response.content.decode()) == approved
    if approved:  # a member's copy lists members-only webinars: no shared cache keeps it
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("who", PEOPLE[1:])
def test_personal_calendar_has_webinars_and_joining_links_only_for_approved_members(
    signed_in, people, upcoming, who
):
    person = people[who]
    register(upcoming, person)
    token = CalendarToken.objects.create(member=person)

    response = signed_in(None).get(f"/calendar/{token.token}/webinars.ics")

    body = response.content.decode().replace("\r\n ", "")
    approved = who in ("member", "editor")
    assert response.status_code == 200
    assert (upcoming.title in body) == approved
    assert (upcoming.joining_link in body) == approved


def test_personal_calendar_with_an_unknown_address_is_not_found(client):
    assert client.get("/calendar/not-a-real-token/webinars.ics").status_code == 404


# Registering: the edges -----------------------------------------------------------------


@pytest.mark.parametrize("members_only", [False, True])
def test_signing_in_to_register_comes_back_to_the_webinar_not_the_post_route(
    client, listing, upcoming, members_only
):
    type(listing).objects.filter(pk=listing.pk).update(members_only=members_only)

    response = client.post(upcoming.url + "register/")

    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query)["next"] == [upcoming.url]


@pytest.mark.parametrize("route", ["register/", "cancel-registration/"])
def test_a_get_on_a_registration_route_changes_nothing_and_goes_back_to_the_page(
    signed_in, member, upcoming, route
):
    """Not a 405: someone who signed in on the way to registering arrives here by GET."""
    register(upcoming, member)
    client = signed_in(member)

    response = client.get(upcoming.url + route)
    put = client.put(upcoming.url + route)

    assert response.status_code == 302
    assert response["Location"] == upcoming.url + "#registration"
    assert put.status_code == 405
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_registering_for_a_past_webinar_says_why_not_and_is_no_error(signed_in, member, past):
    response = signed_in(member).post(past.url + "register/", follow=True)

    assert response.status_code == 200
    assert (
        "This webinar has taken place"
        in parse(response).select_one(".nhsuk-notification-banner, [role=alert]").get_text()
    )
    assert not Registration.objects.exists()


def test_registering_for_a_cancelled_webinar_says_why_not_and_is_no_error(
    signed_in, member, upcoming
):
    WebinarPage.objects.filter(pk=upcoming.pk).update(cancelled=True)

    response = signed_in(member).post(upcoming.url + "register/", follow=True)

    assert response.status_code == 200
    banner = parse(response).select_one(".nhsuk-notification-banner, [role=alert]")
    assert "has been cancelled" in banner.get_text()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("who", PEOPLE)
def test_a_draft_webinar_is_not_found_except_by_editors(signed_in, people, listing, who):
    draft = WebinarFactory(parent=listing, title="Not ready", publish=False)
    draft.refresh_from_db()
    client = signed_in(people[who])

    responses = [
        client.get(draft.url),
        client.get(draft.url + "calendar/"),
        client.post(draft.url + "register/"),
    ]

    # Editors check drafts with the admin's preview; the live address is Wagtail's 404.
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert "Not ready" not in client.get(listing.url).content.decode()
    assert not Registration.objects.exists()


def test_recording_and_transcript_routes_are_not_found_before_the_event(
    signed_in, member, upcoming
):
    WebinarPage.objects.filter(pk=upcoming.pk).update(
        recording_document=ResourceDocumentFactory(), transcript_document=ResourceDocumentFactory()
    )
    client = signed_in(member)

    assert client.get(upcoming.url + "recording/").status_code == 404
    assert client.get(upcoming.url + "transcript/").status_code == 404


def test_a_webinar_starting_soon_cannot_be_registered_after_it_began(signed_in, member, listing):
    started = WebinarFactory(parent=listing, starts_in=-timedelta(minutes=5))

    response = signed_in(member).post(started.url + "register/", follow=True)

    assert "already started" in parse(response).select_one("main").get_text()
    assert not Registration.objects.exists()
