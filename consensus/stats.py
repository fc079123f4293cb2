"""The arithmetic of one statement's ratings in one round of a Delphi consensus study.

In a Delphi study a panel rates each statement on a numbered scale (here 1..9 by default),
sees the panel's result, and rates again in the next round. A round's result for one
statement is what this module computes: how many people rated it, how the ratings are
spread over the scale (the distribution), where their middle lies (median, quartiles and
the interquartile range, the usual Delphi measure of agreement), what share rated in the
disagree, unsure and agree bands, and whether the panel's rule for consensus is met.

Method
------
- A rating is an int from 1 to ``rule.scale_max``, or ``None`` for "no opinion". Anything
  else (0, 10, 7.0, "7", True) raises ``ValueError``: a bad rating is a bug upstream, and
  silently dropping it would change the result.
- "No opinion" counts towards ``raters`` and ``no_opinion`` only. It is not a point on the
  scale, so it cannot take part in a median; and counting it in the denominator of the
  percentages would make every abstention act as a vote against consensus, which is not
  what the rater said. Percentages, quartiles and ``min_raters`` all use ``counted``, the
  raters who gave an opinion.
- Quartiles use the "inclusive" method of ``statistics.quantiles(data, n=4,
  method="inclusive")``: linear interpolation between order statistics at position
  ``p * (n - 1)`` of the sorted ratings (Hyndman & Fan type 7, also Excel's QUARTILE.INC,
  R's and NumPy's default). It treats the panel as the whole population, always stays
  within the ratings given, and has the median as its middle quartile. With whole-number
  ratings every result is a multiple of 0.25, so the floats returned are exact. One
  opinion gives that rating for every quartile (the standard library needs two).
- Percentages are ``100 * count / counted`` as unrounded floats; rounding is for display.
  Whether a threshold is met is decided on the exact fractions (``fractions.Fraction``),
  so a float rounding can never turn 69.99...% into 70%.
- Consensus: at least ``min_raters`` opinions, ``agree_percent >= agree_at_least`` and
  ``disagree_percent < disagree_below``. A result is ``shown`` with at least
  ``min_raters`` opinions, so that a handful of raters is neither displayed nor declared a
  consensus.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

DISAGREE = "disagree"
UNSURE = "unsure"
AGREE = "agree"


def _is_int(value):
    # bool is a subclass of int, but True is not a rating of 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_percent(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100


@dataclass(frozen=True)
class Rule:
    """A rating scale, its three bands, and the rule for consensus on it.

    Ratings 1..``disagree_up_to`` disagree, ``agree_from``..``scale_max`` agree, and those
    between (possibly none) are unsure. Checked on construction; see ``validate``.
    """

    scale_max: int = 9
    disagree_up_to: int = 3
    agree_from: int = 7
    agree_at_least: float = 70
    disagree_below: float = 15
    min_raters: int = 5

    def __post_init__(self):
        self.validate()

    def validate(self):
        """Raise ValueError unless the bands fit the scale in order and the percents are
        between 0 and 100."""
        for name in ("scale_max", "disagree_up_to", "agree_from", "min_raters"):
            if not _is_int(getattr(self, name)):
                raise ValueError(f"{name} must be a whole number, not {getattr(self, name)!r}.")
        if self.scale_max < 2:
            raise ValueError(f"scale_max must be at least 2, not {self.scale_max}.")
        if not 1 <= self.disagree_up_to < self.agree_from <= self.scale_max:
            raise ValueError(
                "The bands must run in order within the scale: 1 <= disagree_up_to "
                f"< agree_from <= scale_max; got disagree_up_to={self.disagree_up_to}, "
                f"agree_from={self.agree_from}, scale_max={self.scale_max}."
            )
        for name in ("agree_at_least", "disagree_below"):
            if not _is_percent(getattr(self, name)):
                raise ValueError(
                    f"{name} must be a percent from 0 to 100, not {getattr(self, name)!r}."
                )
        if self.min_raters < 1:
            raise ValueError(f"min_raters must be at least 1, not {self.min_raters}.")


DEFAULT_RULE = Rule()


def check_rating(rating, rule=DEFAULT_RULE):
    """Raise ValueError unless `rating` is None or a whole number on the rule's scale."""
    if rating is None:
        return
    if not _is_int(rating) or not 1 <= rating <= rule.scale_max:
        raise ValueError(
            f"A rating must be a whole number from 1 to {rule.scale_max}, "
            f"or None for no opinion; got {rating!r}."
        )


def band(rating, rule=DEFAULT_RULE):
    """The band a rating falls in: "disagree", "unsure" or "agree"."""
    if rating is None:
        raise ValueError("No opinion (None) is in no band.")
    check_rating(rating, rule)
    if rating <= rule.disagree_up_to:
        return DISAGREE
    if rating >= rule.agree_from:
        return AGREE
    return UNSURE


@dataclass(frozen=True)
class Result:
    """One statement's result in one round. See the module docstring for the method."""

    raters: int
    no_opinion: int
    counted: int
    distribution: tuple[int, ...]
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    agree_percent: float | None
    unsure_percent: float | None
    disagree_percent: float | None
    consensus: bool
    shown: bool


def _quartiles(ratings):
    """(q1, median, q3) of a non-empty list of ratings, by the inclusive method."""
    if len(ratings) == 1:
        only = float(ratings[0])
        return only, only, only
    q1, median, q3 = statistics.quantiles(ratings, n=4, method="inclusive")
    return float(q1), float(median), float(q3)


def summarise(ratings: Iterable[int | None], rule: Rule = DEFAULT_RULE) -> Result:
    """The result of one statement's ratings (None for no opinion) under `rule`."""
    ratings = list(ratings)
    for rating in ratings:
        check_rating(rating, rule)
    opinions = sorted(rating for rating in ratings if rating is not None)
    counted = len(opinions)
    distribution = tuple(opinions.count(value) for value in range(1, rule.scale_max + 1))
    shown = counted >= rule.min_raters
    if counted == 0:
        return Result(
            raters=len(ratings),
            no_opinion=len(ratings),
            counted=0,
            distribution=distribution,
            median=None,
            q1=None,
            q3=None,
            iqr=None,
            agree_percent=None,
            unsure_percent=None,
            disagree_percent=None,
            consensus=False,
            shown=shown,
        )

    in_band = {DISAGREE: 0, UNSURE: 0, AGREE: 0}
    for rating in opinions:
        in_band[band(rating, rule)] += 1
    exact = {name: Fraction(100 * count, counted) for name, count in in_band.items()}
    consensus = (
        shown
        and exact[AGREE] >= Fraction(rule.agree_at_least)
        and exact[DISAGREE] < Fraction(rule.disagree_below)
    )
    q1, median, q3 = _quartiles(opinions)
    return Result(
        raters=len(ratings),
        no_opinion=len(ratings) - counted,
        counted=counted,
        distribution=distribution,
        median=median,
        q1=q1,
        q3=q3,
        iqr=q3 - q1,
        agree_percent=100 * in_band[AGREE] / counted,
        unsure_percent=100 * in_band[UNSURE] / counted,
        disagree_percent=100 * in_band[DISAGREE] / counted,
        consensus=consensus,
        shown=shown,
    )
