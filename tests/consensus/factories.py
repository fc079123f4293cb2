"""Factories for consensus studies: studies, sections, statements, rounds, participants.

`RoundFactory` makes a round open now (opened a day ago, closing in a week) whose statements
are not fixed yet (`rounds.open_round` fixes them); `ParticipantFactory` an approved member
taking part.
"""

from datetime import timedelta

from django.utils import timezone

import factory

from consensus.models import Participant, Round, Section, Statement, Study

from ..members.factories import approved_member


class StudyFactory(factory.django.DjangoModelFactory):
    """A study every approved member may take part in, on the default scale and rule."""

    class Meta:
        model = Study
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Principles of trauma-informed care {n}")
    slug = factory.Sequence(lambda n: f"principles-{n}")
    purpose = "We ask what the community agrees on, to write it into our shared guidance."
    audience = Study.Audience.MEMBERS

    @factory.post_generation
    def panel(study, create, extracted, **kwargs):
        if create and extracted:
            study.panel.set(extracted)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    study = factory.SubFactory(StudyFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    sort_order = factory.Sequence(lambda n: n)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"Statement {n}: staff are offered reflective practice.")
    sort_order = factory.Sequence(lambda n: n)


class RoundFactory(factory.django.DjangoModelFactory):
    """A round open now: it opened a day ago and closes in a week."""

    class Meta:
        model = Round

    study = factory.SubFactory(StudyFactory)
    number = factory.LazyAttribute(lambda round: round.study.rounds.count() + 1)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    study = factory.SubFactory(StudyFactory)
    member = factory.LazyFunction(approved_member)
