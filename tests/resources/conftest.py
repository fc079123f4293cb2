"""The resource library's test set-up: a library, a public and a members-only folder, people.

`library` is a public ResourceLibraryPage at /resources/ under the default Site's home page;
`public_folder` and `members_folder` are subject folders inside it (the second marked
members only). People: `member` (approved), `pending_member`, `editor` (an approved member in
"Core action group editors", who may edit pages in the admin), and `signed_in(user)` which
returns the test client signed in as that user.
"""

import pytest

from members import roles

from ..members.factories import MemberProfileFactory, approved_member, member_in
from .factories import FolderFactory, LibraryFactory, site_home_page


@pytest.fixture
def home_page(db):
    return site_home_page()


@pytest.fixture
def library(home_page):
    return LibraryFactory(parent=home_page)


@pytest.fixture
def public_folder(library):
    return FolderFactory(parent=library, title="Workforce wellbeing", slug="workforce-wellbeing")


@pytest.fixture
def members_folder(library):
    return FolderFactory(
        parent=library, title="Practice notes", slug="practice-notes", members_only=True
    )


@pytest.fixture
def member(db):
    return approved_member()


@pytest.fixture
def pending_member(db):
    return MemberProfileFactory().user


@pytest.fixture
def editor(db):
    return member_in(roles.EDITORS)


@pytest.fixture
def signed_in(client):
    """signed_in(user) returns the test client signed in as that user (None: a visitor)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
