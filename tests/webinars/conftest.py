"""Webinars' test set-up: the listing, an upcoming and a past webinar, and people.

People, as the resources tests have them: `member`, `pending_member`, `editor`, plus
`declined_member` and `suspended_member`; `signed_in(user)` signs the test client in.
`person` is parametrised by name in PEOPLE for permission matrices.
"""

from datetime import timedelta

import pytest

from ..members.factories import approved_member
from ..people import (  # noqa: F401 - fixtures
    PEOPLE,
    declined_member,
    editor,
    pending_member,
    people,
    signed_in,
    suspended_member,
)
from ..resources.factories import site_home_page
from .factories import SpeakerFactory, WebinarFactory, WebinarIndexFactory


@pytest.fixture
def home_page(db):
    return site_home_page()


@pytest.fixture
def listing(home_page):
    return WebinarIndexFactory(parent=home_page)


@pytest.fixture
def speaker(db):
    return SpeakerFactory(name="Alex Morgan", expert_by_experience=True)


@pytest.fixture
def upcoming(listing, speaker):
    return WebinarFactory(
        parent=listing,
        title="Older people through a COVID lens",
        slug="older-people",
        starts_in=timedelta(days=7),
        speakers=[speaker],
    )


@pytest.fixture
def past(listing, speaker):
    return WebinarFactory(
        parent=listing,
        title="Historic trauma and race",
        slug="historic-trauma",
        starts_in=-timedelta(days=30),
        speakers=[speaker],
        audience=120,
    )


@pytest.fixture
def member(db):
    return approved_member(user__first_name="Jo")
