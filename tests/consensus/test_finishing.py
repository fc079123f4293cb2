"""Finishing a study: only the editors say no more rounds follow, and only once every round
has closed; members then see it as finished, not between rounds."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from consensus import rounds

from .factories import RoundFactory


def finish_url(study):
    return reverse("consensus_studies:finish", args=[study.pk])


@pytest.fixture
def closed_round(study):
    round = RoundFactory(
        study=study,
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=2),
    )
    rounds.open_round(round)
    rounds.close_round(round)
    return round


def test_between_rounds_until_the_editors_finish_it(
    signed_in, member, editor, study, closed_round
):
    page = signed_in(member).get(reverse("consensus:study", args=[study.slug])).content.decode()
    assert 'data-state="between"' in page
    assert "preparing the next round" in page

    response = signed_in(editor).post(finish_url(study))
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.is_finished

    page = signed_in(member).get(reverse("consensus:study", args=[study.slug])).content.decode()
    assert 'data-state="finished"' in page
    rounds_page = signed_in(editor).get(reverse("consensus_studies:rounds", args=[study.pk]))
    assert "data-finished" in rounds_page.content.decode()


def test_a_study_with_a_round_to_come_cannot_finish(signed_in, editor, study, closed_round):
    RoundFactory(study=study, number=2)
    signed_in(editor).post(finish_url(study))
    study.refresh_from_db()
    assert not study.is_finished
    with pytest.raises(rounds.RoundStillOpen):
        rounds.finish(study)


def test_a_finished_study_takes_no_more_rounds(signed_in, editor, study, closed_round):
    rounds.finish(study)
    now = timezone.now()
    response = signed_in(editor).post(
        reverse("consensus_studies:rounds", args=[study.pk]),
        {"opens_at": now + timedelta(days=1), "closes_at": now + timedelta(days=8)},
    )
    assert response.status_code == 302
    assert study.rounds.count() == 1


@pytest.mark.parametrize("who", ["visitor", "member", "moderator"])
def test_only_editors_finish_a_study(signed_in, people, moderator, study, closed_round, who):
    person = moderator if who == "moderator" else people[who]
    response = signed_in(person).post(finish_url(study))
    assert response.status_code in (302, 403)
    study.refresh_from_db()
    assert not study.is_finished


def test_finishing_needs_a_post(signed_in, editor, study, closed_round):
    assert signed_in(editor).get(finish_url(study)).status_code == 405


def test_a_round_closed_early_says_when_it_really_closed(signed_in, member, study):
    round = RoundFactory(study=study)  # planned to close in a week
    rounds.open_round(round)
    rounds.close_round(round)
    today = timezone.localdate().strftime("%-d %B %Y")
    page = signed_in(member).get(reverse("consensus:round", args=[study.slug, round.number]))
    html = page.content.decode()
    assert f"This round closed on {today}" in html
    assert reverse("consensus:results", args=[study.slug]) in html


def test_members_find_the_studies_and_their_stories_from_their_account(signed_in, member):
    html = signed_in(member).get(reverse("members:account")).content.decode()
    assert reverse("consensus:studies") in html
    assert reverse("stories:mine") in html
