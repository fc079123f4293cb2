"""The consensus studies' demo content: a finished three-round study of about 25 statements
and about 40 participants, with statements agreed in each round and some never, its results
stored; a study open now that the demo member has not rated; a second run adds nothing.

The members and consensus demos are built once for the module, inside a transaction rolled
back at the end; each test runs in a savepoint inside it.
"""

from io import StringIO

from django.utils import timezone

import pytest

from consensus import demo as consensus_demo
from consensus import rounds
from consensus.models import Participant, Rating, RoundStatement, Statement, Study
from members.demo import DEMO_LOGINS
from members.models import User

pytestmark = pytest.mark.django_db

FINISHED = "principles-of-trauma-informed-care"
OPEN = "what-helps-at-a-first-appointment"


def agreed_in(study, number):
    return RoundStatement.objects.filter(
        round__study=study, round__number=number, consensus=True
    ).count()


def test_the_demo_makes_two_studies(demo):
    assert Study.objects.filter(slug__in=[FINISHED, OPEN]).count() == 2
    assert "Consensus studies: 2 studies (2 new)" in demo["output"]


def test_the_finished_study_ran_three_rounds_that_are_all_closed(demo):
    study = Study.objects.get(slug=FINISHED)

    assert study.is_finished
    assert list(study.rounds.values_list("number", flat=True)) == [1, 2, 3]
    assert not study.rounds.filter(closed_at__isnull=True).exists()
    assert all(round.closes_at < timezone.now() for round in study.rounds.all())
    assert study.finished_at > study.rounds.get(number=3).closed_at


def test_the_finished_study_has_about_25_statements_and_40_participants(demo):
    study = Study.objects.get(slug=FINISHED)

    assert 22 <= Statement.objects.filter(section__study=study).count() <= 28
    assert 35 <= study.participants.count() <= 45


def test_some_statements_reach_consensus_in_each_round_and_some_never(demo):
    study = Study.objects.get(slug=FINISHED)
    ever_agreed = set(
        RoundStatement.objects.filter(round__study=study, consensus=True).values_list(
            "statement", flat=True
        )
    )

    assert [agreed_in(study, number) for number in (1, 2, 3)] == [
        pytest.approx(9, abs=3),
        pytest.approx(8, abs=3),
        pytest.approx(4, abs=2),
    ]
    assert all(agreed_in(study, number) >= 1 for number in (1, 2, 3))
    assert Statement.objects.filter(section__study=study).exclude(pk__in=ever_agreed).exists()


def test_each_closed_round_has_its_results_stored(demo):
    study = Study.objects.get(slug=FINISHED)
    asked = RoundStatement.objects.filter(round__study=study)

    assert asked.exists()
    assert not asked.filter(raters__isnull=True).exists()
    assert not asked.filter(median__isnull=True).exists()
    for item in asked:
        assert item.raters == item.ratings.count()
        assert sum(item.distribution) == item.counted
        assert item.shown


def test_later_rounds_ask_only_what_was_not_yet_agreed(demo):
    study = Study.objects.get(slug=FINISHED)
    agreed_first = set(
        RoundStatement.objects.filter(
            round__study=study, round__number=1, consensus=True
        ).values_list("statement", flat=True)
    )

    assert agreed_first
    assert not RoundStatement.objects.filter(
        round__study=study, round__number=2, statement__in=agreed_first
    ).exists()


def test_the_editors_reworded_a_statement_and_added_one_between_rounds(demo):
    study = Study.objects.get(slug=FINISHED)
    first = RoundStatement.objects.filter(round__study=study, round__number=1)
    second = RoundStatement.objects.filter(round__study=study, round__number=2)
    reworded = [
        item
        for item in second
        if first.filter(statement=item.statement).exclude(text=item.text).exists()
    ]

    assert reworded
    assert second.exclude(statement__in=first.values("statement")).count() == 1


def test_some_ratings_are_no_opinion_and_a_few_carry_comments(demo):
    ratings = Rating.objects.filter(asked__round__study__slug=FINISHED)

    assert ratings.filter(value__isnull=True).exists()
    commented = ratings.exclude(comment="")
    assert 5 <= commented.count() <= 30
    assert set(commented.values_list("asked__round__number", flat=True)) == {1, 2}


def test_nobody_who_signs_in_for_a_role_takes_part(demo):
    role_members = User.objects.filter(email__in=[row[1] for row in DEMO_LOGINS])

    assert role_members.exists()
    assert not Participant.objects.filter(member__in=role_members).exists()


def test_the_open_study_has_a_round_open_now_with_some_ratings(demo):
    study = Study.objects.get(slug=OPEN)
    current = rounds.current_round(study)

    assert study.audience == Study.Audience.MEMBERS
    assert not study.is_finished
    assert current is not None
    assert current.asked.count() == 8
    assert 10 <= study.participants.count() <= 20
    assert Rating.objects.filter(asked__round=current).exists()
    assert all(
        rating.updated_at <= timezone.now()
        for rating in Rating.objects.filter(asked__round=current)
    )


def test_the_demo_member_may_take_part_in_the_open_study_and_has_not_yet(demo):
    study = Study.objects.get(slug=OPEN)
    member = User.objects.get(email="member@example.org")

    assert rounds.may_take_part(member, study)
    assert rounds.participant_for(member, study) is None
    assert not Rating.objects.filter(participant__member=member).exists()


def test_running_it_again_creates_nothing(demo):
    counts = (Study.objects.count(), Participant.objects.count(), Rating.objects.count())
    output = StringIO()

    consensus_demo.build(output)

    assert (Study.objects.count(), Participant.objects.count(), Rating.objects.count()) == counts
    assert "Consensus studies: 2 studies (0 new)" in output.getvalue()
