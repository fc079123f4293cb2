"""Wagtail's user bar (edit link, accessibility checks) on the site's pages: for people who
may open the admin, and not a trace of it for anyone else."""

import pytest

from members import roles

from ..members.factories import approved_member, member_in
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

USERBAR_MARKS = ["wagtail-userbar", "Wagtail user bar", "wagtailadmin/js/userbar.js"]


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")


def test_an_editor_sees_the_userbar_with_a_link_to_edit_the_page(client, about):
    client.force_login(member_in(roles.EDITORS))

    html = client.get("/about/").content.decode()

    assert "<wagtail-userbar></wagtail-userbar>" in html
    assert f"/admin/pages/{about.pk}/edit/" in html


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_people_who_may_not_open_the_admin_get_no_userbar_markup(client, about, who):
    if who == "member":
        client.force_login(approved_member())

    html = client.get("/about/").content.decode()

    for mark in USERBAR_MARKS:
        assert mark not in html
