"""A Welsh reader's journey in a real browser: from the Welsh home page to the Welsh library
and a folder, past a section that is only in English (marked as such), and choosing Cymraeg
on a page with no Welsh version (a notice, in Welsh, instead of a silent jump), with axe.
"""

import re
from io import StringIO

from wagtail.models import Locale

import pytest
from playwright.sync_api import expect

from core.demo_translation import translate
from resources.models import ResourceLibraryPage, ResourcePage, SubjectFolderPage

from ..home.factories import StandardPageFactory
from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    site_home_page,
)
from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1000, 375)


@pytest.fixture
def welsh_library(demo_pages):
    """The library and one folder with a resource, translated into Welsh as the demo does;
    and "Webinars", a section in the menu that is only in English."""
    welsh = Locale.objects.get(language_code="cy")
    library = LibraryFactory(parent=site_home_page(), show_in_menus=True)
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    resource = ResourcePageFactory(
        parent=folder,
        title="After a difficult shift",
        summary="A five-minute check-in for teams.",
    )
    words = [
        (library, ResourceLibraryPage(title="Adnoddau", slug="adnoddau")),
        (folder, SubjectFolderPage(title="Llesiant y gweithlu", slug="llesiant-y-gweithlu")),
        (
            resource,
            ResourcePage(
                title="Ar ôl shifft anodd",
                slug="ar-ol-shifft-anodd",
                summary="Sgwrs bum munud i dimau.",
            ),
        ),
    ]
    for source, translated in words:
        assert translate(source, translated, welsh, StringIO()) is not None
    StandardPageFactory(
        parent=site_home_page(), title="Webinars", slug="webinars", show_in_menus=True
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_welsh_reader_reaches_the_welsh_library_and_a_folder(page, welsh_library, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/cy/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    english_only = page.locator(".nhsuk-header__navigation a[lang=en-gb]")
    expect(english_only).to_have_attribute("href", "/webinars/")
    expect(english_only.locator("span[lang=cy]")).to_have_text("(Saesneg)")
    assert serious_axe_violations(page) == []

    page.goto("/cy/")
    page.locator(".nhsuk-header__navigation").get_by_role("link", name="Adnoddau").click()

    expect(page).to_have_url(re.compile("/cy/adnoddau/$"))
    expect(page.locator("h1")).to_have_text("Adnoddau")
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="Llesiant y gweithlu").click()
    expect(page.locator("h1")).to_have_text("Llesiant y gweithlu")
    expect(page.get_by_role("link", name="Ar ôl shifft anodd")).to_be_visible()
    expect(page.locator("[data-documents-language]")).to_be_visible()
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_choosing_cymraeg_on_an_english_only_page_says_so_and_offers_the_welsh_home(
    page, welsh_library, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/webinars/")

    page.get_by_role("link", name="Cymraeg").click()

    expect(page).to_have_url(re.compile(r"/webinars/\?language=cy$"))
    notice = page.locator("#translation-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("lang", "cy")
    expect(page.locator("h1")).to_have_text("Webinars")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))
    expect(notice).to_be_focused()  # announced at once, as the answer to the choice
    assert notice.bounding_box()["y"] < 900  # in view without scrolling
    assert serious_axe_violations(page) == []
    notice.get_by_role("link").click()
    expect(page).to_have_url(re.compile("/cy/$"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("#translation-notice")).to_have_count(0)
