"""Coaching's test set-up: people (tests/people.py), two coaches and requests.

`coach` is Casey Coach (in the Coaches group, with an authenticator app, as the admin
asks), `other_coach` Olu Other; `matched` is a request matched to `coach`, `others` one
matched to `other_coach` and `unmatched` a new one; `moderator` moderates the forums;
`member` is Jo Bloggs, approved.
"""

import pytest

from coaching.models import CoachingRequest
from members import roles

from ..members.factories import member_in
from ..people import (  # noqa: F401 - fixtures
    PEOPLE,
    declined_member,
    editor,
    member,
    moderator,
    pending_member,
    people,
    signed_in,
    suspended_member,
)
from .factories import CoachingRequestFactory

Status = CoachingRequest.Status


@pytest.fixture
def coach(db):
    return member_in(
        roles.COACHES,
        user__first_name="Casey",
        user__last_name="Coach",
        user__email="casey.coach@example.org",
    )


@pytest.fixture
def other_coach(db):
    return member_in(
        roles.COACHES,
        user__first_name="Olu",
        user__last_name="Other",
        user__email="olu.other@example.org",
    )


@pytest.fixture
def unmatched(db):
    return CoachingRequestFactory(
        organisation="Northfield Community Mental Health Team",
        sector="health",
        help_wanted="We have trained everyone and want to know what to change first.",
        contact_name="Sam Example",
        contact_email="sam@example.org",
    )


@pytest.fixture
def matched(coach):
    return CoachingRequestFactory(
        organisation="Hillside Housing Association",
        sector="housing",
        coach=coach,
        status=Status.MATCHED,
    )


@pytest.fixture
def others(other_coach):
    return CoachingRequestFactory(
        organisation="Lakeside Youth Justice Service",
        sector="justice",
        coach=other_coach,
        status=Status.IN_PROGRESS,
    )
