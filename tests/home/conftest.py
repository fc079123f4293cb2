"""A small site for the home tests: a home page as the default Site's root, and its pages."""

from io import StringIO

from django.core.cache import cache
from django.db import transaction

from wagtail.models import Page, Site

import pytest

from home import demo
from home.models import FooterLink

from .factories import HomePageFactory, StandardPageFactory


@pytest.fixture
def home_page(db):
    """A HomePage that the default Site serves at /, replacing Wagtail's welcome page."""
    home = HomePageFactory()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    Page.objects.filter(pk=welcome.pk).delete()
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def footer_pages(home_page):
    """About (in the menu), the accessibility statement and the privacy notice."""
    return {
        "about": StandardPageFactory(
            parent=home_page,
            title="About us",
            slug="about",
            footer_link=FooterLink.ABOUT,
            show_in_menus=True,
        ),
        "accessibility": StandardPageFactory(
            parent=home_page,
            title="Accessibility statement",
            slug="accessibility-statement",
            footer_link=FooterLink.ACCESSIBILITY,
        ),
        "privacy": StandardPageFactory(
            parent=home_page,
            title="Privacy notice",
            slug="privacy-notice",
            footer_link=FooterLink.PRIVACY,
        ),
    }


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, built once per test module as `manage.py demo_content` builds it.

    Building it (with wagtail-localize's translations) takes seconds, so it is built inside
    a transaction that lasts for the module; each test runs in a savepoint inside it, and
    the whole lot is rolled back afterwards. Only modules whose tests all use the demo
    content should ask for it.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo.build(StringIO())
            yield Site.objects.get(is_default_site=True)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()
