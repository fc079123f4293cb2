"""A member's journey through the resource library in a real browser, with axe checks.

The member opens a members-only folder, opens a resource with a content note, chooses to
continue, sees the preview pages with their text, and downloads the PDF.
"""

import re
from urllib.parse import quote

from django.test import Client

import pytest
from playwright.sync_api import expect

from ..members.factories import approved_member
from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    ready_previews,
    site_home_page,
)
from .conftest import serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library_tree(demo_pages):
    library = LibraryFactory(parent=site_home_page(), intro="<p>Guides and reports.</p>")
    FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    folder = FolderFactory(
        parent=library, title="Practice notes", slug="practice-notes", members_only=True
    )
    resource = ResourcePageFactory(
        parent=folder,
        title="Talking about childhood adversity",
        summary="How to start the conversation gently.",
        content_note="childhood abuse",
        tags=["conversations"],
    )
    ready_previews(resource.document, ["Before you begin", "Listening without judgement"])
    return library, folder, resource


def sign_in(page, live_server, user):
    """Give the browser the session a signed-in member would have."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
    )


def test_a_member_passes_the_content_note_previews_and_downloads(page, live_server, library_tree):
    library, folder, resource = library_tree
    sign_in(page, live_server, approved_member())

    page.goto(library.url)
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="Practice notes").click()
    expect(page.locator("h1")).to_have_text("Practice notes")
    assert serious_axe_violations(page) == []

    page.get_by_role("link", name="Talking about childhood adversity").click()
    expect(page.locator("#content-note")).to_contain_text("childhood abuse")
    assert serious_axe_violations(page) == []

    page.get_by_role("link", name="Continue to the preview").click()
    images = page.locator("img.coa-preview-page__image")
    expect(images).to_have_count(2)
    expect(images.first).to_have_attribute("alt", "Page 1 of 2")
    # The image loads after the page: wait for it (a refused image never gets a width).
    page.wait_for_function(
        "() => { const img = document.querySelector('img.coa-preview-page__image');"
        " return img && img.complete && img.naturalWidth > 0; }",
        timeout=10_000,
    )
    page.get_by_text("Text of page 2").click()
    expect(page.get_by_text("Listening without judgement")).to_be_visible()
    assert serious_axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Talking about childhood adversity").click()
    download = download_info.value
    assert download.suggested_filename == "guide.pdf"
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"


def test_a_visitor_sees_titles_and_is_sent_to_sign_in(page, library_tree):
    _library, folder, resource = library_tree

    page.goto(folder.url)
    expect(page.get_by_text("How to start the conversation gently.")).to_have_count(0)
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="Sign in to open Talking about childhood adversity").click()

    expect(page).to_have_url(
        re.compile(r"/accounts/login/\?next=" + re.escape(quote(resource.url, safe="")))
    )
