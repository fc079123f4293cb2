"""Forums' test set-up: the forum index, a public and a members-only board, and people.

People, as the webinars tests have them: `member` (Jo Bloggs), `other_member` (Sam
Rivers), `pending_member`, `declined_member`, `suspended_member`, `editor`, and `people`
by name (PEOPLE, for permission matrices); `signed_in(user)` signs the test client in
(None: a visitor).
"""

import pytest

from members import roles
from members.models import MemberProfile

from ..members.factories import MemberProfileFactory, approved_member, member_in
from ..resources.factories import site_home_page
from .factories import BoardFactory, ForumIndexFactory

PEOPLE = ("visitor", "pending", "declined", "suspended", "member", "editor")


@pytest.fixture
def home_page(db):
    return site_home_page()


@pytest.fixture
def forum_index(home_page):
    return ForumIndexFactory(parent=home_page)


@pytest.fixture
def board(forum_index):
    """A public board."""
    return BoardFactory(parent=forum_index, title="Practice questions", slug="practice")


@pytest.fixture
def members_board(forum_index):
    return BoardFactory(
        parent=forum_index, title="Members' circle", slug="circle", members_only=True
    )


@pytest.fixture
def member(db):
    return approved_member(user__first_name="Jo", user__last_name="Bloggs")


@pytest.fixture
def other_member(db):
    return approved_member(user__first_name="Sam", user__last_name="Rivers")


@pytest.fixture
def pending_member(db):
    return MemberProfileFactory().user


@pytest.fixture
def declined_member(db):
    return MemberProfileFactory(status=MemberProfile.Status.DECLINED).user


@pytest.fixture
def suspended_member(db):
    return MemberProfileFactory(status=MemberProfile.Status.SUSPENDED).user


@pytest.fixture
def editor(db):
    return member_in(roles.EDITORS)


@pytest.fixture
def people(member, pending_member, declined_member, suspended_member, editor):
    return {
        "visitor": None,
        "pending": pending_member,
        "declined": declined_member,
        "suspended": suspended_member,
        "member": member,
        "editor": editor,
    }


@pytest.fixture
def signed_in(client):
    """signed_in(user) returns the test client signed in as that user (None: a visitor)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
