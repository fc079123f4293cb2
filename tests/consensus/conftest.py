"""Consensus studies' test set-up: a study, and people (tests/people.py).

`study` is a study for every approved member with two sections of three statements each
(no rounds yet); `member` is Jo Bloggs, approved; `moderator` a member who moderates the
forums; `editor`, `people` and `signed_in(user)` come from tests/people.py.
"""

import pytest

from ..people import (  # noqa: F401 - fixtures
    PEOPLE,
    declined_member,
    editor,
    member,
    moderator,
    pending_member,
    people,
    signed_in,
    suspended_member,
)
from .factories import SectionFactory, StatementFactory, StudyFactory


@pytest.fixture
def study(db):
    study = StudyFactory(title="Principles of trauma-informed care", slug="principles")
    for section_number in (1, 2):
        section = SectionFactory(
            study=study, title=f"Section {section_number}", sort_order=section_number
        )
        for statement_number in (1, 2, 3):
            StatementFactory(
                section=section,
                text=f"Statement {section_number}.{statement_number}",
                sort_order=statement_number,
            )
    return study
