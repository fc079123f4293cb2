"""Editors approving people in the Wagtail admin, in a real browser: the Members listing
opens on those waiting, says whose email is confirmed, and the decision pages breathe."""

import pytest
from playwright.sync_api import expect

from members import roles

from ..members.factories import MemberProfileFactory, UserFactory, member_in
from .admin import restore_editors_permissions, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _editors_permissions(transactional_db):
    restore_editors_permissions()


@pytest.fixture
def editor(transactional_db):
    return member_in(roles.EDITORS)


@pytest.fixture
def people(transactional_db):
    confirmed = MemberProfileFactory(
        user=UserFactory(first_name="Ruth", last_name="Okafor", email="ruth@example.org")
    )
    unconfirmed = MemberProfileFactory(
        user=UserFactory(
            first_name="Sam", last_name="Jones", email="sam@example.org", verified_email=False
        ),
        organisation="Hillside Academy",
    )
    return confirmed, unconfirmed


def test_the_members_listing_opens_on_those_waiting_with_their_email_status(
    page, live_server, editor, people
):
    confirmed, unconfirmed = people
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, editor)

    page.goto("/admin/")
    page.get_by_role("link", name="Members (1 waiting)").click()

    expect(page.get_by_role("link", name="Ruth Okafor", exact=True)).to_be_visible()
    row = page.locator("tr", has_text="Sam Jones")
    expect(row).to_contain_text("Not yet")
    expect(row.get_by_role("link", name="Approve Sam Jones")).to_have_count(0)
    expect(page.get_by_role("link", name="Approve Ruth Okafor")).to_be_visible()
    screenshot(page, "members-admin-listing.png")


def test_the_approve_page_has_room_between_the_header_and_the_question(
    page, live_server, editor, people
):
    confirmed, _unconfirmed = people
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, editor)

    page.goto(f"/admin/members/approve/{confirmed.pk}/")

    question = page.get_by_text("Approve Ruth Okafor (ruth@example.org) as a member?")
    expect(question).to_be_visible()
    header_bottom = page.evaluate(
        "() => document.querySelector('header').getBoundingClientRect().bottom"
    )
    assert question.bounding_box()["y"] - header_bottom >= 16
    screenshot(page, "members-admin-approve.png")
