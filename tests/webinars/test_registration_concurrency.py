"""Places stay exact when many members click at once (PostgreSQL, real threads and commits)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest

from webinars import registration
from webinars.models import Registration

from ..members.factories import approved_member
from ..resources.factories import site_home_page
from .factories import WebinarFactory, WebinarIndexFactory, register

MEMBERS = 8
PLACES_LEFT = 3

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite in memory cannot take concurrent writers; runs in the PostgreSQL pass",
    ),
]
Status = Registration.Status


@pytest.fixture
def webinar(transactional_db):
    """Ten places, seven taken, in a tree made afresh (transactional tests flush every table)."""
    webinar = WebinarFactory(parent=WebinarIndexFactory(parent=site_home_page()), capacity=10)
    for _ in range(10 - PLACES_LEFT):
        register(webinar, approved_member())
    return webinar


def all_at_once(calls):
    """Run each of `calls` in its own thread and database connection, released together."""
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            start.wait(timeout=30)
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_eight_members_for_the_last_three_places_give_three_places_and_five_waiting(webinar):
    members = [approved_member() for _ in range(MEMBERS)]

    results = all_at_once(
        [lambda member=member: registration.register(webinar, member) for member in members]
    )

    outcomes = sorted(result.outcome for result in results)
    assert outcomes == sorted(
        [registration.Outcome.REGISTERED] * PLACES_LEFT
        + [registration.Outcome.WAITING] * (MEMBERS - PLACES_LEFT)
    )
    newcomers = Registration.objects.filter(webinar=webinar, member__in=members)
    assert newcomers.filter(status=Status.CONFIRMED).count() == PLACES_LEFT
    assert newcomers.filter(status=Status.WAITING).count() == MEMBERS - PLACES_LEFT
    assert Registration.objects.filter(webinar=webinar).confirmed().count() == 10
    # Each waiting member was told a different place in the queue.
    positions = sorted(r.position for r in results if r.outcome == registration.Outcome.WAITING)
    assert positions == list(range(1, MEMBERS - PLACES_LEFT + 1))


def test_one_member_in_two_tabs_gets_one_registration(webinar):
    member = approved_member()

    results = all_at_once([lambda: registration.register(webinar, member)] * 2)

    assert sorted(result.outcome for result in results) == sorted(
        [registration.Outcome.REGISTERED, registration.Outcome.ALREADY_REGISTERED]
    )
    assert Registration.objects.filter(webinar=webinar, member=member).count() == 1


def test_cancellations_at_once_promote_each_waiting_member_once(webinar):
    leaving = list(Registration.objects.filter(webinar=webinar).select_related("member")[:3])
    for _ in range(PLACES_LEFT):
        register(webinar, approved_member())
    waiting = [
        register(webinar, approved_member(), status=Status.WAITING).member for _ in range(5)
    ]

    results = all_at_once(
        [lambda row=row: registration.cancel(webinar, row.member) for row in leaving]
    )

    promoted = [r.member for result in results for r in result.promoted]
    assert sorted(m.pk for m in promoted) == sorted(m.pk for m in waiting[:3])
    assert Registration.objects.filter(webinar=webinar).confirmed().count() == 10
    assert Registration.objects.filter(webinar=webinar).waiting().count() == 2
