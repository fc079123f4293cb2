"""consensus.stats on its own: one statement's ratings in one round, against results worked
out by hand in the comments (quartiles by the inclusive method: position p * (n - 1) in the
sorted ratings, interpolating between neighbours)."""

import pytest

from consensus.stats import DEFAULT_RULE, Result, Rule, band, summarise

# 1..5 with 1-2 disagree, 3 unsure, 4-5 agree; consensus at 75% agree, under 10% disagree.
FIVE_POINT = Rule(
    scale_max=5, disagree_up_to=2, agree_from=4, agree_at_least=75, disagree_below=10, min_raters=3
)


@pytest.mark.parametrize(
    ("ratings", "q1", "median", "q3", "iqr"),
    [
        # odd, n=5: sorted 5 7 8 9 9; positions 1, 2, 3 -> 7, 8, 9.
        ([9, 5, 8, 7, 9], 7, 8, 9, 2),
        # odd, n=9: 1..9; positions 2, 4, 6 -> 3, 5, 7.
        ([9, 8, 7, 6, 5, 4, 3, 2, 1], 3, 5, 7, 4),
        # odd, n=7: sorted 2 5 7 7 8 9 9; pos 1.5 -> 5 + .5*(7-5) = 6; pos 3 -> 7;
        # pos 4.5 -> 8 + .5*(9-8) = 8.5.
        ([7, 9, 2, 8, 9, 5, 7], 6, 7, 8.5, 2.5),
        # even, n=4: 2 4 6 8; pos .75 -> 2 + .75*2 = 3.5; pos 1.5 -> 5; pos 2.25 -> 6.5.
        ([8, 2, 6, 4], 3.5, 5, 6.5, 3),
        # even, n=10: 1..9 and 9; pos 2.25 -> 3.25; pos 4.5 -> 5.5; pos 6.75 -> 7.75.
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 9], 3.25, 5.5, 7.75, 4.5),
        # even, n=2: 3 8; pos .25 -> 3 + .25*5 = 4.25; pos .5 -> 5.5; pos .75 -> 6.75.
        ([8, 3], 4.25, 5.5, 6.75, 2.5),
        # one opinion: every quartile is that rating.
        ([7], 7, 7, 7, 0),
        # all the same rating.
        ([8, 8, 8, 8, 8, 8], 8, 8, 8, 0),
    ],
)
def test_quartiles_use_the_inclusive_method(ratings, q1, median, q3, iqr):
    result = summarise(ratings)

    assert (result.q1, result.median, result.q3, result.iqr) == (q1, median, q3, iqr)


def test_all_the_same_agree_rating_is_a_consensus():
    result = summarise([8] * 6)

    # 6 of 6 agree = 100%, 0% disagree, 6 >= 5 raters.
    assert result.distribution == (0, 0, 0, 0, 0, 0, 0, 6, 0)
    assert (result.agree_percent, result.unsure_percent, result.disagree_percent) == (100, 0, 0)
    assert result.consensus is True
    assert result.shown is True


def test_distribution_counts_each_point_of_the_scale():
    # ones: 2, twos: 0, threes: 1, fours: 0, fives: 3, sixes: 0, sevens: 1, eights: 0, nines: 2.
    result = summarise([1, 5, 9, 1, 5, 3, 7, 5, 9, None])

    assert result.distribution == (2, 0, 1, 0, 3, 0, 1, 0, 2)
    assert sum(result.distribution) == result.counted == 9


@pytest.mark.parametrize(
    ("agree", "unsure", "disagree", "consensus"),
    [
        # 7 of 10 agree = exactly 70% -> meets ">= 70".
        (7, 3, 0, True),
        # 14 of 20 agree = 70%, 3 of 20 disagree = exactly 15% -> fails "< 15".
        (14, 3, 3, False),
        # 14 of 20 agree = 70%, 2 of 20 disagree = 10% -> consensus.
        (14, 4, 2, True),
        # 699 of 1000 agree = 69.9% -> no.
        (699, 301, 0, False),
        # 6999 of 10000 agree = 69.99% -> no.
        (6999, 3001, 0, False),
        # 16 of 23 agree = 69.565...% -> no.
        (16, 7, 0, False),
        # 1400 of 2000 agree = 70%, 299 of 2000 disagree = 14.95% -> consensus.
        (1400, 301, 299, True),
    ],
)
def test_consensus_thresholds_are_inclusive_for_agree_and_strict_for_disagree(
    agree, unsure, disagree, consensus
):
    ratings = [8] * agree + [5] * unsure + [2] * disagree

    result = summarise(ratings)

    assert result.consensus is consensus
    assert result.agree_percent == 100 * agree / len(ratings)
    assert result.disagree_percent == 100 * disagree / len(ratings)


def test_exactly_seventy_percent_is_reported_as_seventy():
    result = summarise([9] * 7 + [4] * 3)

    # 700 / 10 is exactly 70.0 as a float, not 70.00000000000001.
    assert result.agree_percent == 70.0
    assert result.unsure_percent == 30.0
    assert result.disagree_percent == 0.0


def test_no_opinion_is_left_out_of_everything_but_the_rater_counts():
    ratings = [9, None, 9, 8, 7, None, 7, 5, 2, None]

    result = summarise(ratings)

    # 10 raters, 3 no opinion, 7 counted: sorted 2 5 7 7 8 9 9.
    # agree 9 9 8 7 7 = 5/7 = 71.43%; unsure 5 = 1/7; disagree 2 = 1/7 = 14.29% (< 15).
    # Had no opinion counted, agree would be 5/10 = 50% and no consensus.
    assert (result.raters, result.no_opinion, result.counted) == (10, 3, 7)
    assert result.distribution == (0, 1, 0, 0, 1, 0, 2, 1, 2)
    assert result.agree_percent == pytest.approx(71.428571428)
    assert result.unsure_percent == pytest.approx(14.285714286)
    assert result.disagree_percent == pytest.approx(14.285714286)
    assert (result.q1, result.median, result.q3, result.iqr) == (6, 7, 8.5, 2.5)
    assert result.consensus is True
    assert result.shown is True


def test_percentages_add_up_to_a_hundred():
    result = summarise([1, 2, 4, 5, 6, 7, 9])

    # disagree 2/7, unsure 3/7, agree 2/7.
    total = result.agree_percent + result.unsure_percent + result.disagree_percent
    assert total == pytest.approx(100)


@pytest.mark.parametrize(
    "ratings",
    [
        [9, 9, 9, 9],  # 4 counted, 100% agree
        [9, 9, 9, 9, None, None, None],  # 7 raters but only 4 with an opinion
        [7],
    ],
)
def test_fewer_than_five_opinions_are_not_shown_nor_a_consensus(ratings):
    result = summarise(ratings)

    assert result.agree_percent == 100
    assert result.shown is False
    assert result.consensus is False


def test_five_opinions_are_enough_to_show():
    result = summarise([9, 9, 9, 9, 9, None])

    assert result.counted == 5
    assert result.shown is True
    assert result.consensus is True


@pytest.mark.parametrize(("ratings", "raters"), [([], 0), ([None, None, None], 3)])
def test_no_opinions_give_no_figures(ratings, raters):
    result = summarise(ratings)

    assert result == Result(
        raters=raters,
        no_opinion=raters,
        counted=0,
        distribution=(0,) * 9,
        median=None,
        q1=None,
        q3=None,
        iqr=None,
        agree_percent=None,
        unsure_percent=None,
        disagree_percent=None,
        consensus=False,
        shown=False,
    )


def test_ratings_can_come_from_any_iterable():
    result = summarise(rating for rating in (9, 8, 7, 7, 9))

    assert result.counted == 5
    assert result.median == 8


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (1, "disagree"),
        (2, "disagree"),
        (3, "disagree"),
        (4, "unsure"),
        (5, "unsure"),
        (6, "unsure"),
        (7, "agree"),
        (8, "agree"),
        (9, "agree"),
    ],
)
def test_band_on_the_default_scale(rating, expected):
    assert band(rating) == expected
    assert band(rating, DEFAULT_RULE) == expected


@pytest.mark.parametrize(
    ("rating", "expected"),
    [(1, "disagree"), (2, "disagree"), (3, "unsure"), (4, "agree"), (5, "agree")],
)
def test_band_on_a_five_point_scale(rating, expected):
    assert band(rating, FIVE_POINT) == expected


def test_a_five_point_scale_with_its_own_rule():
    ratings = [5, 4, 4, 5, 3, 4, 5, 4, None]

    result = summarise(ratings, FIVE_POINT)

    # 9 raters, 1 no opinion, 8 counted: sorted 3 4 4 4 4 5 5 5.
    # pos 1.75 -> between 4 and 4 = 4; pos 3.5 -> between 4 and 4 = 4; pos 5.25 -> 5.
    # agree (4-5) 7/8 = 87.5% >= 75; unsure (3) 1/8 = 12.5%; disagree 0% < 10.
    assert (result.raters, result.no_opinion, result.counted) == (9, 1, 8)
    assert result.distribution == (0, 0, 1, 4, 3)
    assert (result.q1, result.median, result.q3, result.iqr) == (4, 4, 5, 1)
    assert (result.agree_percent, result.unsure_percent, result.disagree_percent) == (
        87.5,
        12.5,
        0,
    )
    assert result.consensus is True


@pytest.mark.parametrize(
    ("ratings", "consensus"),
    [
        # 3 of 4 agree = 75% (>= 75), 0 disagree -> consensus with min_raters 3.
        ([4, 5, 4, 3], True),
        # 9 of 10 agree = 90%, 1 of 10 disagree = exactly 10% -> fails "< 10".
        ([5] * 9 + [1], False),
        # 2 of 3 agree = 66.67% -> no.
        ([4, 5, 3], False),
        # 2 opinions only: below min_raters 3 even at 100%.
        ([5, 5, None], False),
    ],
)
def test_a_custom_rule_sets_its_own_thresholds(ratings, consensus):
    assert summarise(ratings, FIVE_POINT).consensus is consensus


@pytest.mark.parametrize("rating", [0, 10, -1, 7.0, 7.5, "7", True, [7]])
def test_a_rating_off_the_scale_or_not_a_whole_number_is_refused(rating):
    with pytest.raises(ValueError, match="A rating must be a whole number from 1 to 9"):
        summarise([9, 9, rating])
    with pytest.raises(ValueError):
        band(rating)


def test_a_rating_beyond_a_smaller_scale_is_refused():
    with pytest.raises(ValueError, match="from 1 to 5"):
        summarise([5, 6], FIVE_POINT)


def test_no_opinion_has_no_band():
    with pytest.raises(ValueError):
        band(None)


@pytest.mark.parametrize(
    "fields",
    [
        {"disagree_up_to": 7, "agree_from": 7},  # the bands overlap at 7
        {"disagree_up_to": 8, "agree_from": 7},  # the bands cross
        {"agree_from": 10},  # agree band beyond the 1..9 scale
        {"scale_max": 5},  # agree_from 7 beyond a 1..5 scale
        {"disagree_up_to": 0},  # no disagree band
        {"scale_max": 1, "disagree_up_to": 1, "agree_from": 1},
        {"agree_at_least": 101},
        {"agree_at_least": -1},
        {"disagree_below": 100.5},
        {"disagree_below": -0.1},
        {"agree_at_least": "70"},
        {"min_raters": 0},
        {"scale_max": 9.0},
        {"agree_from": True},
    ],
)
def test_a_rule_with_bands_out_of_order_or_out_of_range_is_refused(fields):
    with pytest.raises(ValueError):
        Rule(**fields)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"disagree_up_to": 4, "agree_from": 5},  # no unsure band at all
        {"agree_at_least": 0, "disagree_below": 100},
        {"agree_at_least": 66.7},
        {"min_raters": 1},
    ],
)
def test_a_sound_rule_is_accepted(fields):
    Rule(**fields).validate()


def test_a_result_cannot_be_changed():
    result = summarise([9, 9, 9, 9, 9])

    with pytest.raises(AttributeError):
        result.consensus = False
