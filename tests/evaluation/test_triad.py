"""A triad's arithmetic (evaluation/triads.py): three weights as percentages adding up to 100,
a placement's point in the drawing and back, points outside taken to the nearest edge; and
that posting the three weights the widget writes stores what `weights_at` gives."""

import math

from django.urls import reverse

import pytest

from evaluation import triads
from evaluation.models import Answer

from .factories import StoryFactory
from .test_telling import signifier_data

TOP, LEFT, RIGHT = triads.CORNERS


@pytest.mark.parametrize(
    ("weights", "percentages"),
    [
        ((2, 1, 1), (50, 25, 25)),
        ((0, 0, 5), (0, 0, 100)),
        ((1, 1, 0), (50, 50, 0)),
        ((1, 2, 2), (20, 40, 40)),
        ((50, 25, 25), (50, 25, 25)),  # percentages already: unchanged
        ((100, 100, 100), (34, 33, 33)),  # a three-way tie: the extra 1 to the first
        ((0, 1, 2), (0, 33, 67)),  # 33.3, 66.7: the larger remainder gets the 1
        ((1, 1, 7), (11, 11, 78)),  # 11.1, 11.1, 77.8
        ((3, 3, 1), (43, 43, 14)),  # 42.86, 42.86, 14.29: two ones to the two .86
        ((6, 6, 1), (46, 46, 8)),  # 46.15, 46.15, 7.69
        ((1, 3, 3), (14, 43, 43)),  # 14.29, 42.86, 42.86
        ((1, 5, 1), (14, 72, 14)),  # 14.29, 71.43, 14.29
        ((0.5, 0.25, 0.25), (50, 25, 25)),  # any non-negative numbers, not only whole ones
    ],
)
def test_weights_are_whole_percentages_by_largest_remainder(weights, percentages):
    assert triads.as_percentages(weights) == percentages
    assert sum(triads.as_percentages(weights)) == 100


def test_an_exact_tie_of_remainders_goes_to_the_earlier_corners():
    # 16 2/3, 16 2/3, 66 2/3: all three remainders are 2/3; two ones to the first two.
    assert triads.as_percentages((1, 1, 4)) == (17, 17, 66)


@pytest.mark.parametrize("weights", [(0, 0, 0), (1, -1, 1), (1, 1), (1, 1, 1, 1)])
def test_weights_that_place_nothing_are_refused(weights):
    with pytest.raises(ValueError):
        triads.as_percentages(weights)


def test_the_drawing_is_an_equilateral_triangle_in_its_square():
    assert TOP == (150, 10) and LEFT == (0, 270) and RIGHT == (300, 270)
    height = round(triads.SIZE * math.sqrt(3) / 2)
    assert height == triads.BOTTOM - triads.TOP


@pytest.mark.parametrize(
    ("weights", "at"),
    [
        ((100, 0, 0), (150, 10)),
        ((0, 100, 0), (0, 270)),
        ((0, 0, 100), (300, 270)),
        ((50, 50, 0), (75, 140)),  # the middle of the left side
        ((0, 50, 50), (150, 270)),  # the middle of the bottom
        ((50, 25, 25), (150, 140)),
        ((20, 40, 40), (150, 218)),
        ((10, 30, 60), (195, 244)),
    ],
)
def test_a_placement_and_its_point_go_both_ways(weights, at):
    assert triads.point(weights) == at
    assert triads.weights_at(*at) == weights


def test_every_placement_comes_back_from_its_point():
    for a in range(0, 101, 5):
        for b in range(0, 101 - a, 5):
            weights = (a, b, 100 - a - b)
            assert triads.weights_at(*triads.point(weights)) == weights


@pytest.mark.parametrize(
    ("at", "weights"),
    [
        ((150, -40), (100, 0, 0)),  # above the top corner
        ((-30, 300), (0, 100, 0)),  # beyond the bottom left corner
        ((400, 300), (0, 0, 100)),  # beyond the bottom right corner
        ((150, 300), (0, 50, 50)),  # below the middle of the bottom
        ((49, 125), (50, 50, 0)),  # 30 out from the middle of the left side, square to it
        ((75, 290), (0, 75, 25)),  # 20 below the bottom, a quarter along: square up to it
    ],
)
def test_a_point_outside_is_taken_to_the_edge(at, weights):
    assert triads.weights_at(*at) == weights


def test_a_point_outside_is_taken_to_the_nearest_point_of_the_edge():
    # The nearest point of the bottom to (75, 290) is (75, 270): 0, 75, 25.
    assert triads.weights_at(75, 290) == (0, 75, 25)


def test_a_point_just_outside_is_on_the_edge_beside_it():
    for x in range(0, 301, 10):
        a, b, c = triads.weights_at(x, triads.BOTTOM + 3)
        assert a == 0 and b + c == 100
        assert abs(c - round(x / 3)) <= 1


def test_the_centre_is_a_three_way_tie():
    centre = (sum(x for x, _y in triads.CORNERS) / 3, sum(y for _x, y in triads.CORNERS) / 3)
    assert triads.weights_at(*centre) == (34, 33, 33)


@pytest.mark.django_db
@pytest.mark.parametrize("at", [(150, 140), (100, 200), (222.4, 241.7), (10, 40), (150, 290)])
def test_posting_the_weights_of_a_point_stores_what_weights_at_gives(
    signed_in, member, evaluation, at
):
    """What the widget does: a pointer at `at` writes weights_at(at) into the three inputs,
    and the form stores them unchanged."""
    weights = triads.weights_at(*at)
    story = StoryFactory(evaluation=evaluation, respondent=member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    sent = signed_in(member).post(
        url, signifier_data(evaluation, triad=[str(weight) for weight in weights])
    )
    assert sent.status_code == 302
    answer = Answer.objects.get(response=story, signifier__kind="triad")
    assert answer.weights == weights


@pytest.mark.django_db
def test_weights_not_adding_up_to_100_are_stored_as_their_shares(signed_in, member, evaluation):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    signed_in(member).post(url, signifier_data(evaluation, triad=("3", "3", "1")))
    answer = Answer.objects.get(response=story, signifier__kind="triad")
    assert answer.weights == (43, 43, 14) == triads.as_percentages((3, 3, 1))


@pytest.mark.django_db
def test_the_widget_carries_the_drawing_and_works_without_javascript(
    signed_in, member, evaluation
):
    story = StoryFactory(evaluation=evaluation, respondent=member)
    url = reverse("evaluation:signifiers", args=[evaluation.slug, story.pk])
    page = signed_in(member).get(url)
    triad = evaluation.signifiers.get(kind="triad")
    assert 'data-corners="150.0,10 0,270 300,270"' in page.text
    assert 'data-labels="Safety|Trust|Choice"' in page.text
    for index in range(3):
        assert f'name="signifier_{triad.pk}_{index}"' in page.text
    assert "evaluation/js/triad.js" in page.text and "defer" in page.text
    assert "evaluation/css/evaluation.css" in page.text
    assert " style=" not in page.text.split("<main", 1)[1]
