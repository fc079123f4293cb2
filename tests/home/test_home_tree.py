"""Where each page type may go in the page tree."""

from wagtail.models import Page

import pytest

from home.models import HomePage, StandardPage

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_can_only_be_created_under_the_root(home_page):
    about = StandardPageFactory(parent=home_page, title="About us")

    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(home_page)
    assert not HomePage.can_create_at(about)


def test_root_holds_one_home_page_created_by_hand(home_page):
    root = Page.get_first_root_node()

    assert not HomePage.can_create_at(root)


def test_root_accepts_a_home_page_when_it_has_none(db):
    root = Page.get_first_root_node()

    assert HomePage.can_create_at(root)


def test_standard_page_can_be_created_under_home_and_standard_pages(home_page):
    about = StandardPageFactory(parent=home_page, title="About us")

    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(about)


def test_standard_page_cannot_be_created_under_the_root(home_page):
    assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_home_page_holds_content_pages_and_each_apps_index_page():
    """Each app's index page names the home page as its parent: HomePage lists none."""
    from forums.models import ForumIndexPage
    from resources.models import ResourceLibraryPage
    from stories.models import StoryIndexPage
    from webinars.models import WebinarIndexPage

    assert "subpage_types" not in vars(HomePage)
    creatable = {model for model in HomePage.allowed_subpage_models() if model.is_creatable}
    assert creatable == {
        StandardPage,
        ResourceLibraryPage,
        WebinarIndexPage,
        ForumIndexPage,
        StoryIndexPage,
    }
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def test_a_footer_role_belongs_to_one_page_per_language(home_page):
    from django.core.exceptions import ValidationError

    StandardPageFactory(parent=home_page, title="Privacy notice", footer_link="privacy")
    second = StandardPage(title="Old privacy notice", slug="old-privacy", footer_link="privacy")

    with pytest.raises(ValidationError) as error:
        home_page.add_child(instance=second)

    assert "footer_link" in error.value.message_dict


def test_copying_a_footer_page_makes_a_plain_page_not_a_second_privacy_notice(home_page):
    privacy = StandardPageFactory(parent=home_page, title="Privacy notice", footer_link="privacy")

    copy = privacy.copy(update_attrs={"title": "Privacy notice (copy)", "slug": "privacy-copy"})

    assert copy.specific.footer_link == ""
