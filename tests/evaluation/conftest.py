"""Narrative evaluations' test set-up: an evaluation with one signifier of each kind, and
people (tests/people.py).

`evaluation` is open now, with a triad (Safety / Trust / Choice), a slider (Not at all to
Completely) and a multiple choice (sector); `member` is Jo Bloggs, approved.
"""

import pytest

from ..people import (  # noqa: F401 - fixtures
    PEOPLE,
    declined_member,
    editor,
    member,
    pending_member,
    people,
    signed_in,
    suspended_member,
)
from .factories import EvaluationFactory, choice, slider, triad


@pytest.fixture
def evaluation(db):
    evaluation = EvaluationFactory(title="Making a difference", slug="making-a-difference")
    triad(evaluation)
    slider(evaluation)
    choice(evaluation)
    return evaluation
