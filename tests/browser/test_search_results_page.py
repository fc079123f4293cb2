"""The search results page in a real browser: what each result says, the any-word fallback's
label, a tab title without the words searched for, and axe checks. Screenshots go to
$COA_SCREENSHOTS (when set) for review."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..home.factories import StandardPageFactory, stream
from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    site_home_page,
)
from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def screenshot(page, name):
    folder = os.environ.get("COA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


@pytest.fixture
def searchable_site(demo_pages):
    home = site_home_page()
    StandardPageFactory(
        parent=home,
        title="Trauma and us",
        summary="Why the community began.",
        body=stream(("paragraph", "<p>Our story.</p>")),
    )
    library = LibraryFactory(parent=home)
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    ResourcePageFactory(
        parent=folder,
        title="Recognising secondary trauma in your team",
        summary="Signs to look for, and what helps.",
        resource_type="guide",
        published_date="2024-10-14",
    )
    ResourcePageFactory(
        parent=folder,
        title="Looking after ourselves",
        summary="Slides on vicarious trauma for team meetings.",
        resource_type="slides",
        published_date="2023-11-03",
    )


def test_results_for_trauma_say_what_each_is_and_keep_the_words_out_of_the_title(
    page, searchable_site
):
    page.goto("/search/?q=trauma")

    expect(page).to_have_title("Search results – Community of Action")
    results = page.locator("main ul.nhsuk-list--border > li")
    expect(results.first.locator("h2")).to_have_text("Recognising secondary trauma in your team")
    expect(results.first).to_contain_text(
        "Guide · Folder: Workforce wellbeing · Published 14 October 2024"
    )
    expect(page.get_by_text("Content page · Section:")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("http://")
    assert serious_axe_violations(page) == []
    screenshot(page, "search-trauma.png")


def test_the_any_word_fallback_is_labelled(page, searchable_site):
    page.goto("/search/?q=trauma+xylophone")

    expect(page.locator(".coa-search-any-word")).to_have_text(
        "Information: No results with all of your words. Showing results with any of them."
    )
    titles = page.locator("main ul.nhsuk-list--border > li h2").all_inner_texts()
    assert titles[:2] == ["Recognising secondary trauma in your team", "Trauma and us"]
    assert serious_axe_violations(page) == []
    screenshot(page, "search-any-word-fallback.png")
