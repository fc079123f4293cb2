"""A reader on a laptop: a resource under review, its preview pages at full width with their
text kept, and the page as it prints (no buttons, no addresses after our own links)."""

from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from resources.demo.pdf import document_pdf

from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourceDocumentFactory,
    ResourcePageFactory,
    site_home_page,
)
from .admin import screenshot
from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}
EXTERNAL_LINK = '<p>See also <a href="https://www.england.nhs.uk/">NHS England</a>.</p>'
PARAGRAPH = (
    "Reflective supervision gives staff a regular, protected time to think about the "
    "people they support and about how the work affects them. It works best when it is "
    "planned, when it is kind, and when what is said stays in the room."
)


@pytest.fixture
def resource(demo_pages):
    library = LibraryFactory(parent=site_home_page())
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    document = ResourceDocumentFactory(
        title="Reflective practice toolkit",
        file__data=document_pdf(
            "Reflective practice toolkit",
            [
                ("Why reflective practice matters", [PARAGRAPH] * 4),
                ("Setting up a session", [PARAGRAPH] * 3),
            ],
            author="Community of Action",
            subtitle="Community of Action - March 2026",
        ),
        file__filename="reflective-practice-toolkit.pdf",
    )
    return ResourcePageFactory(
        parent=folder,
        title="Reflective practice toolkit",
        summary="Questions and a simple structure for reflective sessions.",
        description=EXTERNAL_LINK,
        document=document,
        authors="Community of Action",
        published_date=timezone.localdate() - timedelta(days=500),
        review_date=timezone.localdate() - timedelta(days=40),
    )


def test_a_resource_past_its_review_date_tells_readers_it_is_being_checked(page, resource):
    page.set_viewport_size(LAPTOP)

    page.goto(resource.url)

    notice = page.locator(".nhsuk-inset-text", has_text="Under review")
    expect(notice).to_contain_text("We are checking this resource is still up to date.")
    expect(notice).to_contain_text("It was due for review in")
    assert serious_axe_violations(page) == []
    screenshot(page, "resource-under-review.png")


def test_the_preview_pages_use_the_full_width_and_keep_their_text(page, resource):
    page.set_viewport_size(LAPTOP)

    page.goto(resource.url + "preview/")

    image = page.locator("img.coa-preview-page__image").first
    expect(image).to_be_visible()
    page.wait_for_function(
        "() => { const img = document.querySelector('img.coa-preview-page__image');"
        " return img && img.complete && img.naturalWidth > 0; }",
        timeout=10_000,
    )
    column = page.locator("h1").evaluate("h1 => h1.parentElement.getBoundingClientRect().width")
    assert image.bounding_box()["width"] > column * 1.3  # wider than the two-thirds column
    assert image.bounding_box()["width"] >= 900
    page.get_by_text("Text of page 2").click()
    expect(page.get_by_text("Reflective supervision gives staff").last).to_be_visible()
    assert serious_axe_violations(page) == []
    screenshot(page, "preview-1280.png")


def test_a_printed_resource_page_has_no_buttons_nor_addresses_after_our_own_links(page, resource):
    page.set_viewport_size(LAPTOP)
    page.goto(resource.url)

    page.emulate_media(media="print")

    expect(page.get_by_role("link", name="Preview in your browser")).to_be_hidden()
    expect(page.get_by_role("link", name="Download Reflective practice toolkit")).to_be_hidden()

    def after(selector):
        return page.locator(selector).first.evaluate("a => getComputedStyle(a, '::after').content")

    assert after("main a[href^='/']") == "none"
    assert "https://www.england.nhs.uk/" in after("main a[href^='https://']")
    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    screenshot(page, "print-resource.png")
