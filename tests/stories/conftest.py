"""Stories' test set-up: the listing, and people (tests/people.py).

`member` is Jo Bloggs, approved; `teller` is Robin Fairweather, approved, whose real name
must never appear where they chose a pseudonym or to be anonymous.
"""

import pytest

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
from .factories import StoryIndexFactory


@pytest.fixture
def home_page(db):
    return site_home_page()


@pytest.fixture
def listing(home_page):
    return StoryIndexFactory(parent=home_page)


@pytest.fixture
def teller(db):
    return approved_member(user__first_name="Robin", user__last_name="Fairweather")
