"""Nothing a page loads comes from anyone but us: no fonts from assets.nhs.uk (or anything
else from a third party) on the home page, a folder, a resource or the search results, and
nothing the Content-Security-Policy had to block. People who may be watched use this site;
every outside request would tell someone else that they did."""

from urllib.parse import urlsplit

import pytest

from ..resources.factories import (
    FolderFactory,
    LibraryFactory,
    ResourcePageFactory,
    site_home_page,
)
from .csp import RECORD_CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library_pages(demo_pages):
    library = LibraryFactory(parent=site_home_page(), intro="<p>Guides and reports.</p>")
    folder = FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")
    resource = ResourcePageFactory(
        parent=folder, title="Sleep and shift work", summary="Rest between shifts."
    )
    return folder, resource


@pytest.fixture
def watched_page(page):
    """The page, with every request, console error and CSP violation it causes recorded."""
    page.requests_made = []
    page.console_errors = []
    page.on("request", lambda request: page.requests_made.append(request.url))
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    return page


def test_public_pages_make_no_request_outside_the_site_and_break_no_csp_rule(
    watched_page, live_server, library_pages
):
    folder, resource = library_pages
    ours = urlsplit(live_server.url).netloc
    page = watched_page

    for path in ["/", folder.url, resource.url, "/search/?q=sleep"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

        assert page.evaluate("() => window.__cspViolations") == [], path
        assert page.evaluate("getComputedStyle(document.body).fontFamily") == "arial, sans-serif"

    elsewhere = [
        url for url in page.requests_made if urlsplit(url).netloc != ours and url != "about:blank"
    ]
    assert page.requests_made
    assert elsewhere == []
    assert [text for text in page.console_errors if "Content Security Policy" in text] == []
