"""Forums' test set-up: the forum index, a public and a members-only board, and people.

People, as the webinars tests have them: `member` (Jo Bloggs), `other_member` (Sam
Rivers), `pending_member`, `declined_member`, `suspended_member`, `editor`, and `people`
by name (PEOPLE, for permission matrices); `signed_in(user)` signs the test client in
(None: a visitor).
"""

import pytest

from forums.models import ForumSettings

from ..members.factories import approved_member
from ..people import (  # noqa: F401 - fixtures
    PEOPLE,
    declined_member,
    editor,
    member,
    pending_member,
    people,
    signed_in,
    suspended_member,
)
from ..resources.factories import site_home_page
from .factories import BoardFactory, ForumIndexFactory


@pytest.fixture(autouse=True)
def forum_settings(request, monkeypatch):
    """The forum settings a test runs with: every post published at once, unless the test
    is marked `first_posts_wait(count)`. Returns the settings object (change it freely)."""
    marker = request.node.get_closest_marker("first_posts_wait")
    settings = ForumSettings(posts_needing_approval=marker.args[0] if marker else 0)
    monkeypatch.setattr(ForumSettings, "current", classmethod(lambda cls, request=None: settings))
    return settings


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
def other_member(db):
    return approved_member(user__first_name="Sam", user__last_name="Rivers")
