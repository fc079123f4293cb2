"""The coaching demo: 12 invented organisations' requests in every state across the
sectors, coached by approved demo members in the Coaches group, with sessions and their
themes over the past months, feedback on completed ones; over 10 organisations coached in
the impact figures, as the seed says; and a second run adds nothing.

Built once for the package with the whole demo (tests/demo/conftest.py); each test runs in
a savepoint inside it.
"""

from datetime import timedelta
from io import StringIO

from django.urls import reverse
from django.utils import timezone

import pytest

from coaching import demo as coaching_demo
from coaching.impact import coaching_figures
from coaching.models import CoachingRequest, CoachingSession, Feedback, Theme
from members import roles
from members.demo import DEMO_LOGINS
from members.models import MemberProfile, User

pytestmark = pytest.mark.django_db

Status = CoachingRequest.Status


def counts():
    return (
        CoachingRequest.objects.count(),
        CoachingSession.objects.count(),
        Feedback.objects.count(),
        User.objects.filter(groups__name=roles.COACHES).count(),
    )


def test_the_demo_makes_14_requests_from_12_organisations_across_the_sectors(demo):
    requests = CoachingRequest.objects.all()

    assert requests.count() == 14
    assert requests.values("organisation").distinct().count() == 12
    assert requests.order_by().values("sector").distinct().count() >= 5
    assert "Coaching: 14 requests from 12 organisations (14 new)" in demo["output"]


def test_every_state_is_there_and_each_request_is_valid(demo):
    statuses = set(CoachingRequest.objects.values_list("status", flat=True))

    assert statuses == set(Status.values)
    for request in CoachingRequest.objects.all():
        request.full_clean()
        assert request.reference.startswith("COA-")
        assert request.contact_email.endswith(".example")
    declined = CoachingRequest.objects.get(status=Status.DECLINED)
    assert "Thank you" in declined.decline_reason


def test_completed_requests_have_feedback_or_are_waiting_for_it(demo):
    completed = CoachingRequest.objects.filter(status=Status.COMPLETED)

    assert all(request.completed_at and request.feedback_requested_at for request in completed)
    answered = completed.filter(feedback__isnull=False)
    assert answered.count() >= 3
    assert completed.filter(feedback__isnull=True).count() >= 1
    assert Feedback.objects.exclude(request__status=Status.COMPLETED).count() == 0
    for feedback in Feedback.objects.select_related("request"):
        assert feedback.request.completed_at < feedback.submitted_at <= timezone.now()
    assert set(Feedback.objects.values_list("helpful", flat=True)) >= {2, 3, 4}


def test_over_10_organisations_were_coached(demo):
    figures = {figure.key: figure.value for figure in coaching_figures()}

    assert figures["organisations_coached"] == 11
    assert figures["coaching_sessions"] >= 30
    assert "11 organisations coached" in demo["output"]


def test_sessions_have_themes_and_are_spread_over_the_past_months(demo):
    sessions = CoachingSession.objects.all()
    today = timezone.localdate()
    held = [session for session in sessions if session.held_on <= today]

    assert all(session.themes for session in sessions)
    assert all(set(session.themes) <= set(Theme.values) for session in sessions)
    used = {theme for session in sessions for theme in session.themes}
    assert used == set(Theme.values)
    assert min(session.held_on for session in held) < today - timedelta(days=180)
    assert len({(session.held_on.year, session.held_on.month) for session in held}) >= 6
    assert sessions.filter(held_on__gt=today).exists()  # a few planned
    assert not sessions.filter(request__status__in=[Status.NEW, Status.DECLINED]).exists()
    for session in sessions.select_related("request"):
        assert session.request.created_at.date() < session.held_on


def test_the_coaches_are_approved_demo_members_in_the_coaches_group(demo):
    coaches = User.objects.filter(groups__name=roles.COACHES)
    role_sign_ins = [row[1] for row in DEMO_LOGINS]

    assert 2 <= coaches.count() <= 3
    assert not coaches.filter(email__in=role_sign_ins).exists()
    assert all(coach.member_profile.status == MemberProfile.Status.APPROVED for coach in coaches)
    assert all(coach.has_perm(roles.COACH_ORGANISATIONS) for coach in coaches)
    matched = CoachingRequest.objects.exclude(status__in=[Status.NEW, Status.DECLINED])
    assert set(matched.values_list("coach", flat=True)) == set(
        coaches.values_list("pk", flat=True)
    )
    for coach in coaches:
        assert coach.email in demo["output"]


def test_a_waiting_feedback_form_opens_and_an_answered_one_says_thank_you(demo, client):
    waiting = CoachingRequest.objects.filter(
        status=Status.COMPLETED, feedback__isnull=True
    ).first()
    answered = Feedback.objects.first().request

    form = client.get(reverse("coaching:feedback", kwargs={"token": waiting.feedback_token}))
    given = client.get(reverse("coaching:feedback", kwargs={"token": answered.feedback_token}))

    assert b"data-coaching-feedback" in form.content
    assert b"data-feedback-given" in given.content


def test_running_it_again_creates_nothing(demo):
    before = counts()
    output = StringIO()

    coaching_demo.build(output)

    assert counts() == before
    assert "Coaching: 14 requests from 12 organisations (0 new)" in output.getvalue()
    assert len(output.getvalue().splitlines()) == 1


def test_building_it_again_from_nothing_takes_a_few_queries_and_gives_the_same_references(
    demo, django_assert_max_num_queries
):
    references = set(CoachingRequest.objects.values_list("reference", flat=True))
    CoachingRequest.objects.all().delete()

    with django_assert_max_num_queries(20):
        coaching_demo.build(StringIO())

    assert set(CoachingRequest.objects.values_list("reference", flat=True)) == references
