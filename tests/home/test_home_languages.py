"""Welsh pages at /cy/, the English / Cymraeg switcher, and untranslated pages.

A Welsh reader reaches every part of the site: sections not yet in Welsh are in the Welsh
menu and footer in English, marked as such; choosing Cymraeg on a page with no Welsh version
keeps the reader on it and says so in Welsh, with a way to the Welsh home page.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.models import HomePage, StandardPage

from .factories import StandardPageFactory
from .markup import parse
from .test_home_pages import HOME_PAGE_QUERIES

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


def test_switcher_on_a_page_with_no_welsh_version_keeps_the_reader_on_it(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    switch = language_switch(parse(client.get("/only-in-english/")))

    assert switch["href"] == "/only-in-english/?language=cy"


def test_choosing_cymraeg_on_an_untranslated_page_says_so_in_welsh(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    response = client.get("/only-in-english/", {"language": "cy"})

    soup = parse(response)
    notice = soup.select_one("#translation-notice")
    assert response.status_code == 200
    assert soup.html["lang"] == "en-gb"
    assert soup.find("h1").get_text(strip=True) == "Only in English"
    assert notice["lang"] == "cy"
    assert notice["role"] == "alert"
    assert notice.select_one("a")["href"] == "/cy/"
    assert notice.select_one("a")["hreflang"] == "cy"


def test_no_notice_without_asking_or_when_the_page_is_translated(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    not_asked = parse(client.get("/only-in-english/"))
    translated = parse(client.get("/about/", {"language": "cy"}))
    unknown = parse(client.get("/only-in-english/", {"language": "fr"}))

    assert not_asked.select_one("#translation-notice") is None
    assert translated.select_one("#translation-notice") is None
    assert unknown.select_one("#translation-notice") is None


def test_switcher_keeps_the_pages_other_query_parameters(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    switch = language_switch(parse(client.get("/only-in-english/", {"page": "2"})))

    assert switch["href"] == "/only-in-english/?page=2&language=cy"


def test_welsh_menu_lists_an_untranslated_section_in_english_and_marks_it(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Webinars", slug="webinars", show_in_menus=True)

    links = parse(client.get("/cy/")).select(".nhsuk-header__navigation a")

    assert [a["href"] for a in links] == ["/cy/amdanom-ni/", "/webinars/"]
    english = links[1]
    assert english["lang"] == "en-gb"
    assert english["hreflang"] == "en-gb"
    assert "lang" not in links[0].attrs
    note = english.select_one("span[lang=cy]")
    assert note.get_text(strip=True) == "(Saesneg)"
    assert english.get_text(" ", strip=True).startswith("Webinars")


def test_welsh_menu_uses_the_welsh_copy_once_a_section_is_translated(client, demo_site):
    about = StandardPage.objects.get(locale__language_code="en-gb", slug="about")

    links = parse(client.get("/cy/")).select(".nhsuk-header__navigation a")

    assert about.show_in_menus
    assert [(a["href"], a.get("lang")) for a in links] == [("/cy/amdanom-ni/", None)]


def test_a_welsh_copy_taken_out_of_the_menu_stays_out(client, demo_site):
    StandardPage.objects.filter(locale__language_code="cy", slug="amdanom-ni").update(
        show_in_menus=False
    )

    links = parse(client.get("/cy/")).select(".nhsuk-header__navigation a")

    assert links == []


def test_welsh_footer_links_to_the_english_page_when_a_role_has_no_welsh_page(client, demo_site):
    StandardPage.objects.filter(locale__language_code="cy", footer_link="privacy").update(
        live=False
    )

    footer = parse(client.get("/cy/")).select("footer .nhsuk-footer__meta a")

    assert [a["href"] for a in footer] == [
        "/cy/amdanom-ni/",
        "/cy/datganiad-hygyrchedd/",
        "/privacy-notice/",
    ]
    assert footer[2]["lang"] == "en-gb"
    assert footer[2].select_one("span[lang=cy]") is not None


def test_welsh_home_query_count_stays_flat_as_untranslated_sections_grow(
    client, demo_site, django_assert_max_num_queries
):
    home = HomePage.objects.get(locale__language_code="en-gb")
    client.get("/cy/")  # warms Wagtail's site root paths cache, as in production
    with CaptureQueriesContext(connection) as before:
        client.get("/cy/")
    baseline = len(before)  # read now: the next request empties Django's query log
    for n in range(5):
        StandardPageFactory(parent=home, title=f"Section {n}", show_in_menus=True)
    client.get("/cy/")

    with django_assert_max_num_queries(baseline):
        response = client.get("/cy/")

    assert len(parse(response).select(".nhsuk-header__navigation-item")) == 6
    # The English home's count, and two more: Wagtail looks up the Welsh locale to route,
    # and the footer gets the Welsh copy of the support message (the English one comes with
    # the settings).
    assert baseline == HOME_PAGE_QUERIES + 2


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
