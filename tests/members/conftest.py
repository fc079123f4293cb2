"""People in each role, for the members tests."""

import pytest

from members import roles

from .factories import MemberProfileFactory, approved_member, member_in


@pytest.fixture
def pending_member(db):
    return MemberProfileFactory().user


@pytest.fixture
def member(db):
    return approved_member()


@pytest.fixture
def moderator(db):
    return member_in(roles.MODERATORS)


@pytest.fixture
def editor(db):
    return member_in(roles.EDITORS)


@pytest.fixture
def signed_in(client):
    """signed_in(user) returns the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
