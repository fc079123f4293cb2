"""Visitor journeys in a real browser: the pages, the exit control, Welsh, and axe checks."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_exit_control_click_replaces_the_page_without_a_way_back(page, demo_pages, neutral_site):
    page.goto("about:blank")
    page.goto("/about/")

    page.get_by_role("link", name=re.compile("Exit this page")).first.click()

    expect(page).to_have_url(neutral_site)
    page.go_back()
    assert "/about/" not in page.url


def test_pressing_shift_three_times_exits_even_while_typing_in_search(
    page, demo_pages, neutral_site
):
    page.goto("about:blank")
    page.goto("/")
    page.get_by_role("searchbox").first.fill("grounding")

    for _ in range(3):
        page.keyboard.press("Shift")

    expect(page).to_have_url(neutral_site)
    page.go_back()
    assert page.url == "about:blank"


def test_keyboard_reaches_skip_link_then_exit_control_first(page, demo_pages):
    page.goto("/")

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Skip to main content"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_contain_text("Exit this page")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#maincontent$"))


def test_language_switch_keeps_the_page_and_comes_back(page, demo_pages):
    page.goto("/about/")
    english_title = page.locator("h1").inner_text()

    page.get_by_role("link", name="Cymraeg").click()

    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert "/cy/" in page.url
    assert page.locator("h1").inner_text() != english_title
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text(english_title)
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/accessibility-statement/",
        "/privacy-notice/",
        "/cy/",
        "/search/?q=trauma",
        "/search/?q=zzzznothing",
        "/no-such-page/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(page, demo_pages, path):
    page.goto(path)

    assert serious_axe_violations(page) == []
