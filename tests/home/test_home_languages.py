"""Welsh pages at /cy/ and the English / Cymraeg switcher."""

import pytest

from home.models import HomePage

from .factories import StandardPageFactory
from .markup import parse

pytestmark = pytest.mark.django_db


def language_switch(soup):
    return soup.select_one("[data-language-switch]")


def test_welsh_home_page_is_in_welsh_with_lang_cy(client, demo_site):
    response = client.get("/cy/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "cy"
    assert soup.find("h1").get_text(strip=True) == "Cymuned Weithredu"
    assert "gwasanaethau iechyd, gofal cymdeithasol" in soup.select_one(".nhsuk-lede-text").text
    assert soup.select_one("[data-coa-exit-link]").get_text(strip=True) == "Gadael y dudalen hon"
    assert "Cymuned Weithredu" in soup.title.get_text()


def test_english_home_page_has_lang_en_gb(client, demo_site):
    soup = parse(client.get("/"))

    assert soup.html["lang"] == "en-gb"
    assert soup.find("h1").get_text(strip=True) == "Community of Action"


def test_switcher_on_an_english_page_links_to_its_welsh_translation(client, demo_site):
    switch = language_switch(parse(client.get("/about/")))

    assert switch.get_text(strip=True) == "Cymraeg"
    assert switch["href"] == "/cy/amdanom-ni/"
    assert switch["hreflang"] == "cy"
    assert switch["lang"] == "cy"


def test_switcher_on_a_welsh_page_links_back_to_the_english_page(client, demo_site):
    switch = language_switch(parse(client.get("/cy/amdanom-ni/")))

    assert switch.get_text(strip=True) == "English"
    assert switch["href"] == "/about/"
    assert switch["hreflang"] == "en-gb"


def test_switcher_goes_to_the_welsh_home_page_when_a_page_has_no_translation(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    switch = language_switch(parse(client.get("/only-in-english/")))

    assert switch["href"] == "/cy/"


def test_switcher_on_a_non_page_view_keeps_the_path_under_the_other_prefix(client, demo_site):
    english = language_switch(parse(client.get("/search/?q=care")))
    welsh = language_switch(parse(client.get("/cy/search/?q=gofal")))

    assert english["href"] == "/cy/search/?q=care"
    assert welsh["href"] == "/search/?q=gofal"


def test_welsh_navigation_and_footer_link_to_welsh_pages(client, demo_site):
    soup = parse(client.get("/cy/"))

    nav = [a["href"] for a in soup.select(".nhsuk-header__navigation a")]
    footer = [a["href"] for a in soup.select("footer .nhsuk-footer__meta a")]
    assert nav == ["/cy/amdanom-ni/"]
    assert footer == [
        "/cy/amdanom-ni/",
        "/cy/datganiad-hygyrchedd/",
        "/cy/hysbysiad-preifatrwydd/",
    ]


def test_welsh_footer_shows_the_welsh_signposting(client, demo_site):
    footer = parse(client.get("/cy/")).find("footer").get_text()

    assert "ffoniwch" in footer
    assert "116 123" in footer


def test_unknown_welsh_address_shows_the_not_found_page_in_welsh(client, demo_site):
    response = client.get("/cy/dim-tudalen/")

    soup = parse(response)
    assert response.status_code == 404
    assert soup.html["lang"] == "cy"
    assert soup.select_one("[data-language-switch]")["href"] == "/"


def test_search_only_finds_pages_in_the_readers_language(client, demo_site):
    english = client.get("/search/", {"q": "accessibility"})
    welsh = client.get("/cy/search/", {"q": "hygyrchedd"})
    welsh_for_english_word = client.get("/cy/search/", {"q": "accessibility"})

    assert "Accessibility statement" in result_titles(english)
    assert "Datganiad hygyrchedd" in result_titles(welsh)
    assert "Accessibility statement" not in result_titles(welsh_for_english_word)


def result_titles(response):
    return [a.get_text(strip=True) for a in parse(response).select("main .nhsuk-list h2 a")]
