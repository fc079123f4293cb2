"""The site search: live, public pages in the reader's language."""

from wagtail.models import PageViewRestriction

import pytest

from .factories import StandardPageFactory, stream
from .markup import parse

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select("main .nhsuk-list h2 a")]


@pytest.fixture
def resilience_page(home_page):
    return StandardPageFactory(
        parent=home_page,
        title="Supporting staff",
        summary="How teams look after each other.",
        body=stream(("paragraph", "<p>Reflective practice builds kaleidoscopic resilience.</p>")),
    )


def test_search_finds_a_page_by_a_word_in_its_body(client, resilience_page):
    response = client.get("/search/", {"q": "kaleidoscopic"})

    soup = parse(response)
    assert response.status_code == 200
    assert result_titles(response) == ["Supporting staff"]
    result = soup.select_one("main .nhsuk-list li")
    assert "How teams look after each other." in result.get_text()
    assert result.find("a")["href"] == "/supporting-staff/"
    assert "Content page" in result.select_one(".coa-search-result__meta").get_text()


def test_search_with_a_page_number_that_is_not_a_number_shows_the_first_page(
    client, resilience_page
):
    response = client.get("/search/", {"q": "kaleidoscopic", "page": "abc"})

    assert response.status_code == 200
    assert result_titles(response) == ["Supporting staff"]


def test_search_with_a_page_number_past_the_end_shows_the_last_page(client, resilience_page):
    response = client.get("/search/", {"q": "kaleidoscopic", "page": "999"})

    assert response.status_code == 200
    assert result_titles(response) == ["Supporting staff"]


def test_empty_search_shows_guidance_and_no_results(client, home_page):
    response = client.get("/search/", {"q": "   "})

    soup = parse(response)
    assert response.status_code == 200
    assert soup.find("h1").get_text(strip=True) == "Search"
    assert "Enter a word or phrase" in soup.find("main").get_text()
    assert soup.select("main .nhsuk-list--border") == []


def test_search_with_no_matches_suggests_what_to_try(client, resilience_page):
    response = client.get("/search/", {"q": "xylophone"})

    main = parse(response).find("main")
    assert "No results for “xylophone”" in main.get_text()
    assert "check the spelling" in main.get_text()


def test_search_does_not_find_unpublished_pages(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Draft plans",
        body=stream(("paragraph", "<p>Kaleidoscopic draft.</p>")),
        publish=False,
    )

    response = client.get("/search/", {"q": "kaleidoscopic"})

    assert result_titles(response) == []


def test_search_does_not_find_private_pages(client, home_page):
    private = StandardPageFactory(
        parent=home_page,
        title="Members' notes",
        body=stream(("paragraph", "<p>Kaleidoscopic members-only notes.</p>")),
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/search/", {"q": "kaleidoscopic"})

    assert result_titles(response) == []


def test_search_caps_a_very_long_query(client, resilience_page):
    response = client.get("/search/", {"q": "kaleidoscopic " + "x" * 5000})

    field = parse(response).find("input", id="search-page-field")
    assert response.status_code == 200
    assert len(field["value"]) <= 200


def test_search_box_in_the_header_is_labelled_and_submits_to_search(client, home_page):
    soup = parse(client.get("/"))

    form = soup.select_one("header form")
    field = form.find("input", attrs={"name": "q"})
    assert form["action"] == "/search/"
    assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True)


def test_next_page_of_results_keeps_the_search_words(client, home_page):
    for number in range(12):
        StandardPageFactory(
            parent=home_page,
            title=f"Grounding exercise {number}",
            body=stream(("paragraph", "<p>A grounding exercise for busy wards.</p>")),
        )

    first = client.get("/search/", {"q": "grounding"})
    next_link = parse(first).select_one("main a.nhsuk-pagination__link--next")["href"]
    second = client.get("/search/" + next_link)

    assert next_link == "?q=grounding&page=2"
    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
