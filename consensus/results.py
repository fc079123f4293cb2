"""A study's results as rows, for the members' results pages and the editors' exports:
per closed round, per statement as worded that round, its stored result; and the final
summary (which statements reached consensus, in which round, and which never did).

Everything here reads the results stored when each round closed (`RoundStatement`); it
never reads a rating. A result of fewer than `Study.MIN_RATERS` raters with an opinion is
not shown anywhere: its row carries no number at all (not even the raters or the
distribution), only `shown=False`, which pages and exports word as "fewer than 5 people
gave an opinion".
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Round, RoundStatement, Study


def plain_number(value):
    """6.0 -> 6, 6.5 -> 6.5 (medians and quartiles of ratings are multiples of 0.25)."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def percent(value):
    """A percentage to one decimal place, without a trailing ".0": 70.0 -> 70, 66.66… -> 66.7.
    One decimal, so that 69.6% (no consensus under a 70% rule) never reads as 70%."""
    if value is None:
        return None
    return plain_number(round(value, 1))


@dataclass(frozen=True)
class StatementResult:
    """One statement's result in one closed round. The numbers are None unless `shown`."""

    round_number: int
    statement_id: int
    section: str
    text: str
    shown: bool
    counted: int | None = None
    no_opinion: int | None = None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    iqr: float | None = None
    agree_percent: float | None = None
    unsure_percent: float | None = None
    disagree_percent: float | None = None
    consensus: bool | None = None
    #: ((rating, people), ...) from 1 to the scale's highest rating.
    distribution: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RoundResults:
    round: Round
    statements: tuple[StatementResult, ...]

    @property
    def number(self):
        return self.round.number

    @property
    def agreed(self):
        return sum(1 for item in self.statements if item.consensus)

    @property
    def hidden(self):
        return sum(1 for item in self.statements if not item.shown)


@dataclass(frozen=True)
class FinalSummary:
    #: Statements that reached consensus, in the round they first did: (round, [result]).
    agreed: tuple[tuple[int, tuple[StatementResult, ...]], ...]
    #: Statements that never did, each with its last round's result.
    not_agreed: tuple[StatementResult, ...]

    @property
    def agreed_count(self):
        return sum(len(items) for _number, items in self.agreed)


def statement_result(asked, round_number):
    """One RoundStatement of a closed round (its statement and section loaded) as a row."""
    common = {
        "round_number": round_number,
        "statement_id": asked.statement_id,
        "section": asked.statement.section.title,
        "text": asked.text,
    }
    if not asked.shown:
        return StatementResult(shown=False, **common)
    return StatementResult(
        shown=True,
        counted=asked.counted,
        no_opinion=asked.no_opinion,
        median=plain_number(asked.median),
        q1=plain_number(asked.q1),
        q3=plain_number(asked.q3),
        iqr=plain_number(asked.iqr),
        agree_percent=percent(asked.agree_percent),
        unsure_percent=percent(asked.unsure_percent),
        disagree_percent=percent(asked.disagree_percent),
        consensus=bool(asked.consensus),
        distribution=tuple(enumerate(asked.distribution or [], start=1)),
        **common,
    )


def editors_order(asked):
    """A round's statements in the editors' order: by section, then within it."""
    return sorted(
        asked,
        key=lambda item: (
            item.statement.section.sort_order,
            item.statement.section_id,
            item.statement.sort_order,
            item.statement_id,
        ),
    )


def round_results(round):
    """A closed round (its `asked` prefetched with statement and section, or not) as rows."""
    asked = editors_order(round.asked.all())
    return RoundResults(
        round=round,
        statements=tuple(statement_result(item, round.number) for item in asked),
    )


def closed_rounds(study, number=None):
    """The study's closed rounds in order (only round `number`, if given), with their
    statements and sections, in three queries whatever their size."""
    queryset = (
        Round.objects.filter(study=study, closed_at__isnull=False)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "asked",
                queryset=RoundStatement.objects.select_related("statement__section"),
            )
        )
    )
    if number is not None:
        queryset = queryset.filter(number=number)
    return list(queryset)


def study_results(study):
    """Every closed round's results, in order."""
    return [round_results(round) for round in closed_rounds(study)]


def final_summary(all_results):
    """From every closed round's results (in order): the statements that reached consensus,
    grouped by the round they first did, and those that never did, with their last
    round's result; both in the order the rounds asked them."""
    first_agreed = {}
    last_result = {}
    order = {}
    for results in all_results:
        for item in results.statements:
            order.setdefault(item.statement_id, len(order))
            last_result[item.statement_id] = item
            if item.consensus and item.statement_id not in first_agreed:
                first_agreed[item.statement_id] = item
    by_round = {}
    for item in sorted(first_agreed.values(), key=lambda item: order[item.statement_id]):
        by_round.setdefault(item.round_number, []).append(item)
    not_agreed = [
        last_result[statement_id]
        for statement_id in sorted(last_result, key=order.get)
        if statement_id not in first_agreed
    ]
    return FinalSummary(
        agreed=tuple((number, tuple(items)) for number, items in sorted(by_round.items())),
        not_agreed=tuple(not_agreed),
    )


# Tables for the exports ----------------------------------------------------------------


def fewer_than():
    return _("Fewer than %(min)s people gave an opinion") % {"min": Study.MIN_RATERS}


def outcome(item):
    """ "Yes", "No", or "Fewer than 5 people gave an opinion"."""
    if not item.shown:
        return fewer_than()
    return _("Yes") if item.consensus else _("No")


def result_header():
    return [
        _("Section"),
        _("Statement (as worded in that round)"),
        _("Gave an opinion"),
        _("No opinion"),
        _("Median"),
        _("Lower quartile"),
        _("Upper quartile"),
        _("Interquartile range"),
        _("Agree (%)"),
        _("Unsure (%)"),
        _("Disagree (%)"),
        _("Consensus"),
    ]


def result_cells(item):
    """One statement's cells under `result_header()`: no number when not shown."""
    return [
        item.section,
        item.text,
        item.counted,
        item.no_opinion,
        item.median,
        item.q1,
        item.q3,
        item.iqr,
        item.agree_percent,
        item.unsure_percent,
        item.disagree_percent,
        outcome(item),
    ]


def rounds_table(all_results):
    """(header, rows): every closed round's results, one row per round and statement."""
    header = [_("Round"), *result_header()]
    rows = [
        [results.number, *result_cells(item)]
        for results in all_results
        for item in results.statements
    ]
    return header, rows


def final_report_sheets(all_results):
    """The final report as workbook sheets: (title, header, rows) for the statements that
    reached consensus (and in which round), those that did not (their last round's
    result), and every round's results."""
    summary = final_summary(all_results)
    agreed_rows = [
        [number, *result_cells(item)] for number, items in summary.agreed for item in items
    ]
    not_agreed_rows = [[item.round_number, *result_cells(item)] for item in summary.not_agreed]
    header, rows = rounds_table(all_results)
    return [
        (_("Reached consensus"), [_("Round reached"), *result_header()], agreed_rows),
        (_("Did not reach consensus"), [_("Last round asked"), *result_header()], not_agreed_rows),
        (_("Every round"), header, rows),
    ]
