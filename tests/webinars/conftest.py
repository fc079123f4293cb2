"""Webinars' test set-up: the listing, an upcoming and a past webinar, and people.

People, as the resources tests have them: `member`, `pending_member`, `editor`, plus
`declined_member` and `suspended_member`; `signed_in(user)` signs the test client in.
`person` is parametrised by name in PEOPLE for permission matrices.
"""

from datetime import timedelta

import pytest

from members import roles
from members.models import MemberProfile

from ..members.factories import MemberProfileFactory, approved_member, member_in
from ..resources.factories import site_home_page
from .factories import SpeakerFactory, WebinarFactory, WebinarIndexFactory

PEOPLE = ("visitor", "pending", "declined", "suspended", "member", "editor")


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
