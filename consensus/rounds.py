"""What happens in a study: who may take part, opening and closing rounds, and saving a
participant's ratings as they go.

- `may_take_part(user, study)`: an approved member, and for a panel study one invited.
- `open_round(round)`: fixes the statements the round asks, as worded now: every statement
  for the first round; then those not withdrawn and not agreed in an earlier round (the
  editors may revise or add statements from the comments before opening it).
- `save_rating(participant, asked, value, comment)`: one rating per participant, statement
  and round whatever the clicks or tabs (the database's constraint decides a race; a second
  save changes the first), only while the round is open.
- `close_round(round)`: works out and stores every statement's result (`stats.summarise`)
  once; `close_due_rounds()` closes every round past its closing time and
  `open_due_rounds()` fixes the statements of those whose time has come (the timer:
  `manage.py run_consensus_rounds`); an editor may open or close one early.
- `withdraw(participant)`: see its docstring for what happens to their ratings.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import access

from . import stats
from .models import Participant, Rating, Round, RoundStatement, Statement, Study


class RoundClosed(Exception):
    """The round is not open: nothing is saved."""


# Who takes part ---------------------------------------------------------------------------


def may_take_part(user, study):
    if not access.is_approved_member(user):
        return False
    if study.audience == Study.Audience.PANEL:
        return study.panel.filter(pk=user.pk).exists()
    return True


def participant_for(user, study, create=False):
    """The member's participation in `study` (made when `create`), or None; a withdrawn
    participant is None: they take no further part."""
    participant = Participant.objects.filter(study=study, member=user).first()
    if participant is None and create:
        try:
            with transaction.atomic():
                participant = Participant.objects.create(study=study, member=user)
        except IntegrityError:
            participant = Participant.objects.get(study=study, member=user)
    if participant is not None and participant.withdrawn_at is not None:
        return None
    return participant


# Rounds -----------------------------------------------------------------------------------


def current_round(study, now=None):
    """The round open now (its statements fixed: `open_round`), else None."""
    now = now or timezone.now()
    round = (
        study.rounds.filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)
        .order_by("number")
        .first()
    )
    if round is not None:
        open_round(round)
    return round


def agreed_before(round):
    """Pks of the statements that reached consensus in a closed round before `round`."""
    return set(
        RoundStatement.objects.filter(
            round__study_id=round.study_id,
            round__number__lt=round.number,
            round__closed_at__isnull=False,
            consensus=True,
        ).values_list("statement_id", flat=True)
    )


def open_round(round):
    """Fix the statements `round` asks, as worded now; the round's RoundStatements. Once
    fixed they stay: asking again (another request, the timer) changes nothing."""
    if not round.asked.exists():
        statements = Statement.objects.filter(section__study_id=round.study_id, withdrawn=False)
        agreed = agreed_before(round)
        RoundStatement.objects.bulk_create(
            [
                RoundStatement(round=round, statement=statement, text=statement.text)
                for statement in statements
                if statement.pk not in agreed
            ],
            # Two at once: the constraint keeps one of each; neither fails.
            ignore_conflicts=True,
        )
    return list(round.asked.select_related("statement__section"))


def open_due_rounds(now=None):
    """Fix the statements of every round whose opening time has come; how many rounds."""
    now = now or timezone.now()
    due = Round.objects.filter(closed_at__isnull=True, opens_at__lte=now, asked__isnull=True)
    return sum(1 for round in due.distinct() if open_round(round) is not None)


def save_rating(participant, asked, value, comment="", now=None):
    """Keep the participant's rating of `asked` (a RoundStatement): `value` an int on the
    study's scale or None for no opinion. Raises RoundClosed when the round is not open,
    ValueError for a rating off the scale."""
    if asked.round.study_id != participant.study_id:
        raise ValueError("That statement is not in this participant's study.")
    stats.check_rating(value, asked.round.study.rule())
    fields = {"value": value, "comment": comment.strip()}
    with transaction.atomic():
        # Read afresh and held while saving: a round closing now waits, or is seen closed.
        round = Round.objects.select_for_update().get(pk=asked.round_id)
        if not round.is_open(now):
            raise RoundClosed
        try:
            with transaction.atomic():
                rating, _created = Rating.objects.update_or_create(
                    asked=asked, participant=participant, defaults=fields
                )
        except IntegrityError:
            # Another tab saved first: this save changes that rating.
            Rating.objects.filter(asked=asked, participant=participant).update(**fields)
            rating = Rating.objects.get(asked=asked, participant=participant)
    return rating


@transaction.atomic
def close_round(round, now=None):
    """Work out and store each statement's result, and mark the round closed (once: a
    closed round is left as it is). Ratings of withdrawn participants are not counted."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.is_closed:
        return round
    rule = round.study.rule()
    values = {}
    for asked_id, value in Rating.objects.filter(
        asked__round=round, participant__withdrawn_at__isnull=True
    ).values_list("asked_id", "value"):
        values.setdefault(asked_id, []).append(value)
    asked = list(round.asked.all())
    for item in asked:
        result = stats.summarise(values.get(item.pk, []), rule)
        item.raters = result.raters
        item.no_opinion = result.no_opinion
        item.distribution = list(result.distribution)
        item.median = result.median
        item.q1 = result.q1
        item.q3 = result.q3
        item.agree_percent = result.agree_percent
        item.unsure_percent = result.unsure_percent
        item.disagree_percent = result.disagree_percent
        item.consensus = result.consensus
    RoundStatement.objects.bulk_update(asked, RESULT_FIELDS)
    round.closed_at = now or timezone.now()
    round.save(update_fields=["closed_at"])
    return round


RESULT_FIELDS = [
    "raters",
    "no_opinion",
    "distribution",
    "median",
    "q1",
    "q3",
    "agree_percent",
    "unsure_percent",
    "disagree_percent",
    "consensus",
]


def close_due_rounds(now=None):
    """Close every round whose closing time has passed; how many."""
    now = now or timezone.now()
    due = Round.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    return sum(1 for round in due if close_round(round, now))


class RoundStillOpen(Exception):
    """A study cannot finish while one of its rounds is open or waiting to open."""


def finish(study, now=None):
    """No more rounds follow: the study is finished (its results stay as they are)."""
    now = now or timezone.now()
    if study.rounds.filter(closed_at__isnull=True).exists():
        raise RoundStillOpen
    Study.objects.filter(pk=study.pk, finished_at__isnull=True).update(finished_at=now)
    study.refresh_from_db(fields=["finished_at"])
    return study


# Withdrawing ------------------------------------------------------------------------------


@transaction.atomic
def withdraw(participant, now=None):
    """The participant leaves the study. Their ratings and comments are deleted, in every
    round: the results of closed rounds were worked out and stored when they closed, so
    they stay as they were (what was published does not change under its readers), while
    nothing of the person is kept; an open round's results will not count them."""
    participant.ratings.all().delete()
    participant.withdrawn_at = now or timezone.now()
    participant.save(update_fields=["withdrawn_at"])
