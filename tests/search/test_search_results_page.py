"""What each search result says about itself (type, folder or section, date, never the raw
address), a page title that keeps the words searched for out of the browser's history, and
a number of queries that does not grow with the number of results."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from ..home.factories import StandardPageFactory, stream
from ..home.markup import parse
from ..resources.factories import FolderFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def result_meta(response):
    """{title: the line under it that says what it is}."""
    return {
        li.select_one("h2 a").get_text(strip=True): " ".join(
            li.select_one(".coa-search-result__meta").get_text(" ").split()
        )
        for li in parse(response).select("main ul.nhsuk-list--border > li")
    }


def test_a_resource_result_shows_its_type_folder_and_published_date(client, public_folder):
    ResourcePageFactory(
        parent=public_folder,
        title="Sleep and shift work",
        resource_type="toolkit",
        published_date=datetime.date(2024, 3, 7),
    )

    response = client.get("/search/", {"q": "sleep"})

    assert result_meta(response) == {
        "Sleep and shift work": "Toolkit · Folder: Workforce wellbeing · Published 7 March 2024"
    }


def test_a_page_result_shows_its_type_and_section(client, home_page, library):
    about = StandardPageFactory(parent=home_page, title="About us", summary="Who we are.")
    StandardPageFactory(
        parent=about,
        title="Our kaleidoscopic team",
        body=stream(("paragraph", "<p>People.</p>")),
    )
    FolderFactory(parent=library, title="Kaleidoscopic thinking", intro="<p>Ideas.</p>")

    response = client.get("/search/", {"q": "kaleidoscopic"})

    assert result_meta(response) == {
        "Kaleidoscopic thinking": "Subject folder · Section: Resources",
        "Our kaleidoscopic team": "Content page · Section: About us",
    }


def test_a_top_level_page_shows_its_type_only(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", summary="Kaleidoscopic people.")

    assert result_meta(client.get("/search/", {"q": "kaleidoscopic"})) == {
        "About us": "Content page"
    }


def test_results_do_not_show_the_raw_address(client, public_folder):
    resource = ResourcePageFactory(parent=public_folder, title="Sleep and shift work")

    response = client.get("/search/", {"q": "sleep"})

    main_text = parse(response).find("main").get_text()
    assert resource.url not in main_text
    assert "http://testserver" not in main_text


def test_the_page_title_does_not_contain_the_words_searched_for(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Kaleidoscopic supervision")

    with_results = parse(client.get("/search/", {"q": "kaleidoscopic supervision"}))
    without = parse(client.get("/search/", {"q": "quillwort"}))

    assert with_results.title.get_text(strip=True) == "Search results – Community of Action"
    assert without.title.get_text(strip=True) == "Search results – Community of Action"
    assert "kaleidoscopic" in with_results.find("input", id="search-page-field")["value"]


def test_the_search_page_without_words_is_titled_search(client, home_page):
    assert parse(client.get("/search/")).title.get_text(strip=True) == (
        "Search – Community of Action"
    )


def test_the_number_of_queries_does_not_grow_with_the_number_of_results(
    client, home_page, library, public_folder
):
    def add_results(numbers, folder):
        for number in numbers:
            ResourcePageFactory(parent=folder, title=f"Kaleidoscopic guide {number}")
            StandardPageFactory(parent=home_page, title=f"Kaleidoscopic page {number}")

    add_results(range(1), public_folder)
    client.get("/search/", {"q": "kaleidoscopic"})  # warm caches (content types, site roots)
    with CaptureQueriesContext(connection) as few:
        first = client.get("/search/", {"q": "kaleidoscopic"})
    add_results(range(1, 5), FolderFactory(parent=library, title="Another folder"))
    with CaptureQueriesContext(connection) as many:
        second = client.get("/search/", {"q": "kaleidoscopic"})

    assert len(result_meta(first)) == 2
    assert len(result_meta(second)) == 10
    assert len(many) == len(few)


def test_the_number_of_queries_stays_flat_in_the_any_word_fallback(client, public_folder):
    ResourcePageFactory(parent=public_folder, title="Kaleidoscopic guide 0")
    client.get("/search/", {"q": "kaleidoscopic xylophone"})
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "kaleidoscopic xylophone"})
    for number in range(1, 6):
        ResourcePageFactory(parent=public_folder, title=f"Kaleidoscopic guide {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "kaleidoscopic xylophone"})

    assert len(result_meta(response)) == 6
    assert len(many) == len(few)
