"""The sitemap lists every language's pages with hreflang alternates; robots.txt points to it.

Only what a visitor may open is listed, in every language (core.access), and a page's
alternates are its live translations that pass the same test.
"""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from home.models import HomePage, StandardPage

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ROOT = "http://localhost"  # the demo site's hostname, which Wagtail's full URLs use


def sitemap(client):
    """{location: {hreflang: href}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text.removeprefix(ROOT): {
            link.get("hreflang"): link.get("href").removeprefix(ROOT)
            for link in url.findall("x:link", NS)
        }
        for url in tree.findall("s:url", NS)
    }


def test_sitemap_lists_the_welsh_pages_too(client, demo_site):
    locations = sitemap(client)

    assert {"/", "/about/", "/cy/", "/cy/amdanom-ni/", "/cy/hysbysiad-preifatrwydd/"} <= set(
        locations
    )


def test_each_page_names_its_translations_as_hreflang_alternates(client, demo_site):
    locations = sitemap(client)

    expected = {"en-gb": "/about/", "cy": "/cy/amdanom-ni/", "x-default": "/about/"}
    assert locations["/about/"] == expected
    assert locations["/cy/amdanom-ni/"] == expected
    assert locations["/cy/"] == {"en-gb": "/", "cy": "/cy/", "x-default": "/"}


def test_a_page_with_no_translation_has_no_alternates(client, demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")
    StandardPageFactory(parent=home, title="Only in English", slug="only-in-english")

    assert sitemap(client)["/only-in-english/"] == {}


def test_a_draft_welsh_copy_is_not_an_alternate(client, demo_site):
    StandardPage.objects.get(locale__language_code="cy", slug="amdanom-ni").unpublish()

    locations = sitemap(client)

    assert "/cy/amdanom-ni/" not in locations
    assert locations["/about/"] == {}


def test_a_private_page_is_left_out_in_every_language(client, demo_site):
    about = StandardPage.objects.get(locale__language_code="en-gb", slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    locations = sitemap(client)

    assert "/about/" not in locations
    assert "/cy/amdanom-ni/" not in locations
    assert "/cy/amdanom-ni/" not in {
        href for alternates in locations.values() for href in alternates.values()
    }


def test_robots_txt_names_the_sitemap_and_disallows_private_paths(client, demo_site):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")}
    assert {
        "/admin/",
        "/django-admin/",
        "/accounts/",
        "/members/",
        "/cy/accounts/",
        "/cy/members/",
        "/documents/",
        "/search/",
        "/cy/search/",
        "/*/download/",
    } <= disallowed
    assert "/" not in disallowed
    assert "/cy/" not in disallowed


def test_robots_txt_gives_the_sitemap_on_the_scheme_the_crawler_used(client, demo_site):
    response = client.get("/robots.txt", secure=True)

    assert "Sitemap: https://testserver/sitemap.xml" in response.content.decode().splitlines()
