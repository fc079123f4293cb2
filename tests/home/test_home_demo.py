"""The demo content: idempotent, with a home page replacing Wagtail's and a Welsh translation."""

from io import StringIO

from wagtail.models import Page, Site
from wagtail_localize.models import Translation

import pytest

from home import demo
from home.models import HomePage, SafetySettings, StandardPage

pytestmark = pytest.mark.django_db


def test_demo_build_twice_creates_nothing_new(demo_site):
    pages_before = Page.objects.count()
    revisions_before = sum(p.revisions.count() for p in Page.objects.all())

    output = StringIO()
    demo.build(output)

    assert Page.objects.count() == pages_before
    assert sum(p.revisions.count() for p in Page.objects.all()) == revisions_before
    assert output.getvalue() == ""


def test_demo_home_page_is_the_default_sites_root(demo_site):
    home = HomePage.objects.get(locale__language_code="en-gb")

    assert demo_site.root_page_id == home.pk
    assert home.title == "Community of Action"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert Site.objects.count() == 1


def test_demo_creates_about_accessibility_and_privacy_with_about_in_the_menu(demo_site):
    pages = {p.footer_link: p for p in StandardPage.objects.filter(locale__language_code="en-gb")}

    assert set(pages) == {"about", "accessibility", "privacy"}
    assert pages["about"].show_in_menus
    assert not pages["privacy"].show_in_menus
    assert "WCAG 2.2" in str(pages["accessibility"].body)
    assert "IP address" in str(pages["privacy"].body)


def test_demo_translates_every_page_into_welsh_with_wagtail_localize(demo_site):
    welsh = {p.title: p for p in Page.objects.filter(locale__language_code="cy").specific()}

    assert set(welsh) == {
        "Cymuned Weithredu",
        "Amdanom ni",
        "Datganiad hygyrchedd",
        "Hysbysiad preifatrwydd",
    }
    assert all(page.live for page in welsh.values())
    assert "arbenigwyr drwy brofiad" in welsh["Cymuned Weithredu"].intro
    # The four pages and the support message (tests/home/test_support_translation.py).
    assert Translation.objects.filter(target_locale__language_code="cy").count() == 5


def test_demo_sets_the_safety_settings_defaults(demo_site):
    settings = SafetySettings.objects.get(site=demo_site)

    assert settings.exit_url == "https://www.bbc.co.uk/weather"
    assert "116 123" in settings.support_message.text
