"""Rounds of a consensus study: which statements each round asks, one rating per person,
statement and round whatever the clicks, results worked out once when a round closes, and
what withdrawing and erasing an account leave behind."""

from datetime import timedelta
from threading import Barrier, Thread

from django.db import connection
from django.utils import timezone

import pytest

from consensus import rounds
from consensus.models import Participant, Rating, Round, RoundStatement, Section, Statement, Study
from members.personal_data import erase_account, export

from ..members.factories import approved_member

NOW = timezone.now()


def make_study(statements=3, **fields):
    study = Study.objects.create(
        title="What trauma-informed care means",
        slug=f"study-{Study.objects.count() + 1}",
        purpose="To agree on principles.",
        **fields,
    )
    section = Section.objects.create(study=study, title="Safety")
    for n in range(statements):
        Statement.objects.create(section=section, text=f"Statement {n + 1}", sort_order=n)
    return study


def make_round(study, number=1, opens=NOW - timedelta(days=1), closes=NOW + timedelta(days=6)):
    return Round.objects.create(study=study, number=number, opens_at=opens, closes_at=closes)


def rate_all(round, values_by_statement, now=NOW):
    """values_by_statement: {statement text: [ratings, one per participant]}."""
    asked = {item.text: item for item in rounds.open_round(round)}
    people = []
    for text, values in values_by_statement.items():
        while len(people) < len(values):
            member = approved_member()
            people.append(rounds.participant_for(member, round.study, create=True))
        for participant, value in zip(people, values, strict=False):
            rounds.save_rating(participant, asked[text], value, now=now)
    return people


@pytest.fixture
def study(db):
    return make_study()


def test_the_first_round_asks_every_statement_once_however_often_it_is_opened(study):
    round = make_round(study)
    first = rounds.open_round(round)
    again = rounds.open_round(round)
    assert [item.text for item in first] == ["Statement 1", "Statement 2", "Statement 3"]
    assert {item.pk for item in again} == {item.pk for item in first}
    assert RoundStatement.objects.filter(round=round).count() == 3


def test_a_round_not_yet_open_is_not_current_and_opens_on_time(study):
    later = make_round(study, opens=NOW + timedelta(days=2), closes=NOW + timedelta(days=9))
    assert rounds.current_round(study) is None
    assert rounds.open_due_rounds(NOW) == 0
    assert rounds.open_due_rounds(NOW + timedelta(days=3)) == 1
    assert later.asked.count() == 3
    assert rounds.open_due_rounds(NOW + timedelta(days=3)) == 0


def test_a_second_save_changes_the_one_rating(study):
    round = make_round(study)
    asked = rounds.open_round(round)[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    rounds.save_rating(participant, asked, 4, "Not sure yet")
    rounds.save_rating(participant, asked, 8, " On reflection, yes. ")
    rating = Rating.objects.get()
    assert (rating.value, rating.comment) == (8, "On reflection, yes.")


@pytest.mark.parametrize("value", [0, 10, "7", 7.0])
def test_a_rating_off_the_scale_is_refused(study, value):
    asked = rounds.open_round(make_round(study))[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    with pytest.raises(ValueError):
        rounds.save_rating(participant, asked, value)
    assert not Rating.objects.exists()


def test_no_opinion_is_kept_as_none(study):
    asked = rounds.open_round(make_round(study))[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    rounds.save_rating(participant, asked, None)
    assert Rating.objects.get().value is None


def test_nothing_is_saved_in_a_closed_round_or_one_not_yet_open(study):
    round = make_round(study)
    asked = rounds.open_round(round)[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    with pytest.raises(rounds.RoundClosed):
        rounds.save_rating(participant, asked, 5, now=NOW - timedelta(days=2))
    rounds.close_round(round)
    with pytest.raises(rounds.RoundClosed):
        rounds.save_rating(participant, asked, 5)
    assert not Rating.objects.exists()


def test_a_statement_of_another_study_is_refused(study):
    other = make_study()
    asked = rounds.open_round(make_round(other))[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    with pytest.raises(ValueError):
        rounds.save_rating(participant, asked, 5)


def test_closing_works_out_and_keeps_each_result_once(study):
    round = make_round(study)
    # Statement 1: 7 of 8 with an opinion agree (87.5%), none disagree; one has no opinion.
    # Statement 2: 5 of 8 agree (62.5%): no consensus. Statement 3: only 4 raters: not shown.
    rate_all(
        round,
        {
            "Statement 1": [7, 8, 9, 9, 7, 8, 7, 5, None],
            "Statement 2": [7, 8, 9, 9, 7, 5, 4, 2],
            "Statement 3": [9, 9, 9, 9],
        },
    )
    rounds.close_round(round, NOW)
    one, two, three = RoundStatement.objects.filter(round=round).order_by("statement__sort_order")
    assert (one.raters, one.no_opinion, one.counted) == (9, 1, 8)
    assert one.median == 7.5 and (one.q1, one.q3) == (7.0, 8.25)
    assert one.agree_percent == 87.5 and one.consensus is True and one.shown
    assert one.distribution == [0, 0, 0, 0, 1, 0, 3, 2, 2]
    assert two.agree_percent == 62.5 and two.consensus is False
    assert three.raters == 4 and not three.shown and three.consensus is False
    # A late change cannot alter what was worked out.
    Rating.objects.update(value=1)
    rounds.close_round(round, NOW + timedelta(days=1))
    one.refresh_from_db()
    assert one.agree_percent == 87.5
    assert Round.objects.get(pk=round.pk).closed_at == NOW


def test_the_next_round_asks_only_what_was_not_agreed_as_now_worded(study):
    round = make_round(study, opens=NOW - timedelta(days=10), closes=NOW - timedelta(days=1))
    rate_all(
        round,
        {
            "Statement 1": [8, 8, 8, 8, 8],  # agreed
            "Statement 2": [1, 2, 8, 8, 8],  # not agreed
            "Statement 3": [5, 5, 5, 5, 5],  # not agreed
        },
        now=NOW - timedelta(days=5),
    )
    assert rounds.close_due_rounds(NOW) == 1
    # From the comments, the editors reword one statement, withdraw another and add one.
    Statement.objects.filter(text="Statement 2").update(text="Statement 2, reworded")
    Statement.objects.filter(text="Statement 3").update(withdrawn=True)
    Statement.objects.create(section=study.sections.get(), text="A new statement", sort_order=9)

    second = make_round(study, number=2)
    assert [item.text for item in rounds.open_round(second)] == [
        "Statement 2, reworded",
        "A new statement",
    ]
    # The first round keeps its own wording.
    assert RoundStatement.objects.filter(round=round, text="Statement 2").exists()


def test_withdrawing_deletes_the_persons_ratings_and_leaves_closed_results(study):
    round = make_round(study)
    people = rate_all(round, {"Statement 1": [8, 8, 8, 8, 8, 2]})
    rounds.close_round(round)
    leaving = people[-1]
    rounds.withdraw(leaving)
    assert not Rating.objects.filter(participant=leaving).exists()
    assert rounds.participant_for(leaving.member, study) is None
    result = RoundStatement.objects.get(round=round, text="Statement 1")
    assert result.raters == 6  # as published when the round closed


def test_only_approved_members_and_the_invited_take_part(study):
    member = approved_member()
    assert rounds.may_take_part(member, study)
    panel = make_study(audience=Study.Audience.PANEL)
    assert not rounds.may_take_part(member, panel)
    panel.panel.add(member)
    assert rounds.may_take_part(member, panel)


def test_the_download_holds_their_own_ratings_and_erasure_removes_them(study):
    round = make_round(study)
    asked = rounds.open_round(round)[0]
    member = approved_member()
    participant = rounds.participant_for(member, study, create=True)
    rounds.save_rating(participant, asked, 6, "Depends on the service")
    study.panel.add(member)

    data = export(member)
    assert data["consensus_ratings"][0]["rating"] == 6
    assert data["consensus_ratings"][0]["comment"] == "Depends on the service"
    assert data["consensus_panels"] == [study.title]

    erase_account(member)
    assert not Participant.objects.filter(member=member).exists()
    assert not Rating.objects.exists()
    assert not study.panel.filter(pk=member.pk).exists()


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_keep_one_rating():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    study = make_study(statements=1)
    asked = rounds.open_round(make_round(study))[0]
    participant = rounds.participant_for(approved_member(), study, create=True)
    barrier = Barrier(2)
    errors = []

    def save(value):
        try:
            barrier.wait()
            rounds.save_rating(participant, asked, value)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [Thread(target=save, args=(value,)) for value in (3, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rating.objects.filter(asked=asked, participant=participant).count() == 1


def test_the_impact_figures_count_studies_people_and_statements_agreed(study):
    from consensus.impact import consensus_figures

    round = make_round(study)
    # After one leaves: statement 1 agreed by 5 of 5; statement 2 has 1 of 5 disagreeing.
    people = rate_all(
        round, {"Statement 1": [8, 8, 8, 8, 8, 8], "Statement 2": [1, 1, 8, 8, 8, 8]}
    )
    make_study()  # never run: not counted
    rounds.withdraw(people[0])
    rounds.close_round(round)

    figures = {figure.key: figure.value for figure in consensus_figures()}
    assert figures == {
        "consensus_studies": 1,
        "consensus_participants": 5,
        "consensus_statements_agreed": 1,
    }
