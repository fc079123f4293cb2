"""A member's journey through the webinars in a real browser, on the demo content.

The member signs in, opens the listing, opens a webinar to come, registers with one click
(reaching the button by keyboard), sees that they have a place and the joining link,
downloads the calendar file, cancels and sees the place given back. The full webinar offers
the waiting list, and a past one its recording. axe and the CSP recorder watch every page.
Screenshots go to /tmp/webinar-shots/ to look at after the run.
"""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from members import demo as members_demo
from webinars import demo as webinars_demo
from webinars.models import Registration, WebinarPage

from .conftest import serious_axe_violations
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/webinar-shots")
HOUSING = "Trauma-informed housing: making a home feel safe"
CIRCLES = "Leading with care: reflective leadership circles"
#: Tab presses allowed to reach the register button from the top of the page.
MOST_TABS = 60


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.fixture
def demo_webinars(demo_pages):
    members_demo.build(StringIO())
    webinars_demo.build(StringIO())
    return {
        webinar.slug: webinar
        for webinar in WebinarPage.objects.filter(locale=Locale.get_default())
    }


@pytest.fixture
def member_page(page, live_server, demo_webinars):
    """The browser, signed in through the form as the demo member, watching for CSP
    violations; speaker photos (public files the web server serves in production) are
    answered from the test's media folder, and the video player with a stand-in."""
    media = Path(settings.MEDIA_ROOT)

    def serve_media(route):
        path = media / urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.context.route(f"{live_server.url}{settings.MEDIA_URL}**", serve_media)
    page.context.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>Player</title><p>Video</p>"
        ),
    )
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill("member@example.org")
    page.get_by_label("Password", exact=True).fill(members_demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    return page


def csp_violations(page):
    return page.evaluate("() => window.__cspViolations")


def tab_to(page, name):
    """Press Tab from the top of the page until `name` has focus; the labels passed on
    the way, in order. Fails if it takes more than MOST_TABS presses."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    passed, positions = [], []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              const all = Array.from(document.querySelectorAll('*'));
              return {label: (el.innerText || el.value || el.getAttribute('aria-label') || '')
                        .replace(/\\s+/g, ' ').trim(),
                      name: el.textContent.replace(/\\s+/g, ' ').trim(),
                      position: all.indexOf(el)};
            }"""
        )
        passed.append(focused["label"])
        positions.append(focused["position"])
        if focused["name"] == name:
            return passed, positions
    pytest.fail(f"{name!r} not reached in {MOST_TABS} tabs; passed {passed}")


def test_a_member_registers_gets_the_link_and_calendar_then_cancels(member_page, demo_webinars):
    page = member_page
    housing = demo_webinars["trauma-informed-housing"]
    places_before = (
        housing.capacity - Registration.objects.filter(webinar=housing).confirmed().count()
    )

    # The listing: webinars to come first, with places left; then past ones.
    page.goto("/webinars/")
    expect(page.locator("h1")).to_have_text("Webinars")
    upcoming = page.locator("[data-upcoming] > li")
    expect(upcoming).to_have_count(2)
    expect(upcoming.first).to_contain_text(HOUSING)
    expect(upcoming.first).to_contain_text(f"{places_before} places left")
    expect(upcoming.nth(1)).to_contain_text("Full: waiting list open")
    expect(page.locator("[data-past] > li")).to_have_count(9)
    screenshot(page, "01-listing.png")
    assert serious_axe_violations(page) == []

    page.get_by_role("link", name=HOUSING).click()
    expect(page.locator("h1")).to_have_text(HOUSING)
    expect(page.locator("[data-places]")).to_contain_text(f"{places_before} places left")
    expect(page.locator("[data-recording-notice]")).to_contain_text("will be recorded")
    expect(page.locator("#wellbeing")).to_contain_text(housing.wellbeing_contact_name)
    expect(page.locator("[data-joining-link]")).to_have_count(0)
    screenshot(page, "02-webinar-before.png")
    assert serious_axe_violations(page) == []

    # Keyboard only: the skip link comes first, focus moves down the page in reading
    # order, and reaches the register button; Enter registers.
    register = f"Register for {HOUSING}"
    passed, positions = tab_to(page, register)
    assert passed[0] == "Skip to main content"
    assert positions == sorted(positions), passed
    page.keyboard.press("Enter")

    expect(page.get_by_text("You have a place. We have emailed you the details")).to_be_visible()
    status = page.locator("[data-registration-status=confirmed]")
    expect(status).to_contain_text("You have a place")
    expect(page.locator("[data-joining-link]")).to_have_attribute("href", housing.joining_link)
    expect(page.locator("[data-places]")).to_contain_text(f"{places_before - 1} places left")
    screenshot(page, "03-webinar-registered.png")
    assert serious_axe_violations(page) == []
    assert Registration.objects.get(webinar=housing, member__email="member@example.org").has_place

    # The calendar file: the webinar in UK time, with the joining link for someone with
    # a place.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add this webinar to your calendar").click()
    download = download_info.value
    assert download.suggested_filename == f"{housing.slug}.ics"
    with open(download.path(), "rb") as file:
        calendar = Calendar.from_ical(file.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == HOUSING
    assert event.decoded("dtstart") == housing.start
    assert str(event.decoded("dtstart").tzinfo) == "Europe/London"
    assert event.decoded("dtend") - event.decoded("dtstart") == housing.end - housing.start
    assert str(event["location"]) == housing.joining_link
    assert f"Join: {housing.joining_link}" in str(event["description"])

    # The listing says so too.
    page.goto("/webinars/")
    expect(page.locator("[data-upcoming] > li").first).to_contain_text("You have a place")
    page.get_by_role("link", name=HOUSING).click()

    page.get_by_role("button", name="Cancel my place").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(page.locator("[data-joining-link]")).to_have_count(0)
    expect(page.locator("[data-registration-status=confirmed]")).to_have_count(0)
    expect(page.get_by_role("button", name=register)).to_be_visible()
    expect(page.locator("[data-places]")).to_contain_text(f"{places_before} places left")
    screenshot(page, "04-webinar-cancelled.png")
    assert (
        Registration.objects.get(webinar=housing, member__email="member@example.org").status
        == Registration.Status.CANCELLED
    )
    assert csp_violations(page) == []


def test_the_full_webinar_offers_the_waiting_list_and_a_past_one_its_recording(
    member_page, demo_webinars
):
    page = member_page

    page.goto(demo_webinars["reflective-leadership-circles"].url)
    expect(page.locator("h1")).to_have_text(CIRCLES)
    expect(page.locator("[data-places]")).to_contain_text("Full")
    expect(page.locator("[data-registration-status=open]")).to_contain_text("3 people are waiting")
    expect(page.get_by_role("button", name=f"Join the waiting list for {CIRCLES}")).to_be_visible()
    # The chair withdrew consent to her photo: her name and words, no picture.
    chair = page.locator(".coa-speaker").filter(has_text="Grace Mensah")
    expect(chair).to_contain_text("Expert by experience")
    expect(chair.locator("img")).to_have_count(0)
    photos = page.locator(".coa-speakers img")
    expect(photos).to_have_count(2)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.coa-speakers img'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    screenshot(page, "05-full-webinar.png")
    assert serious_axe_violations(page) == []

    page.goto(demo_webinars["historic-trauma-associated-with-race"].url)
    expect(page.locator("#content-note")).to_contain_text("racism")
    expect(page.locator("[data-audience]")).to_have_text("245 people took part.")
    expect(page.locator("[data-recording] iframe")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )
    expect(page.locator("[data-registration-status=closed]")).to_contain_text("taken place")
    screenshot(page, "06-past-webinar.png")
    assert serious_axe_violations(page) == []
    assert csp_violations(page) == []
