"""Fixtures for permission matrices: one person of each standing, and a signed-in client.

A test folder's conftest imports them (`from ..people import people, ...`). `member` is Jo
Bloggs, approved (a folder may define its own instead); `moderator` moderates the forums.
`people` maps the names in PEOPLE to users (None: a visitor).
"""

import pytest

from members import roles
from members.models import MemberProfile

from .members.factories import MemberProfileFactory, approved_member, member_in

PEOPLE = ("visitor", "pending", "declined", "suspended", "member", "editor")


@pytest.fixture
def member(db):
    return approved_member(user__first_name="Jo", user__last_name="Bloggs")


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS)


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
