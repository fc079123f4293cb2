"""The 404 and 500 pages."""

from django.template.loader import get_template

import pytest

from .markup import parse

pytestmark = pytest.mark.django_db


def test_unknown_address_shows_the_not_found_page(client, home_page):
    response = client.get("/no-such-page/")

    soup = parse(response)
    assert response.status_code == 404
    assert soup.find("h1").get_text(strip=True) == "Page not found"
    assert soup.select_one("[data-coa-exit-link]") is not None
    assert soup.select_one("a.nhsuk-skip-link")["href"] == "#maincontent"


def test_server_error_page_renders_without_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()

    assert "Sorry, there is a problem with the service" in html
    assert 'href="https://www.bbc.co.uk/weather"' in html
    assert "<h1>" in html and html.count("<h1") == 1
