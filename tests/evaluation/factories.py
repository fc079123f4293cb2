"""Factories for narrative evaluations: an evaluation open now, its signifiers, stories.

`EvaluationFactory` opened a day ago and has no closing date; `triad`, `slider` and
`choice` add a signifier of each kind to it; `StoryFactory` is an approved member's story,
not yet sent (`answered` gives it answers and sends it).
"""

from datetime import timedelta

from django.utils import timezone

import factory

from evaluation.models import Answer, Evaluation, Response, Signifier

from ..members.factories import approved_member


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    title = factory.Sequence(lambda n: f"How the community made a difference {n}")
    slug = factory.Sequence(lambda n: f"difference-{n}")
    introduction = "We ask for your stories to learn what helps, and what doesn't."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


def triad(evaluation, labels=("Safety", "Trust", "Choice"), **fields):
    fields.setdefault("question", "In my story, what mattered most was")
    fields.setdefault("sort_order", evaluation.signifiers.count())
    return Signifier.objects.create(
        evaluation=evaluation,
        kind=Signifier.Kind.TRIAD,
        label_a=labels[0],
        label_b=labels[1],
        label_c=labels[2],
        **fields,
    )


def slider(evaluation, ends=("Not at all", "Completely"), **fields):
    fields.setdefault("question", "How much did it change what you do?")
    fields.setdefault("sort_order", evaluation.signifiers.count())
    return Signifier.objects.create(
        evaluation=evaluation,
        kind=Signifier.Kind.SLIDER,
        label_a=ends[0],
        label_b=ends[1],
        **fields,
    )


def choice(evaluation, options=("Health", "Social care", "Education", "Justice"), **fields):
    fields.setdefault("question", "Which sector do you work in?")
    fields.setdefault("sort_order", evaluation.signifiers.count())
    return Signifier.objects.create(
        evaluation=evaluation,
        kind=Signifier.Kind.CHOICE,
        options="\n".join(options),
        **fields,
    )


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    evaluation = factory.SubFactory(EvaluationFactory)
    respondent = factory.LazyFunction(lambda: approved_member())
    title = factory.Sequence(lambda n: f"A story {n}")
    story = "The webinar on safety helped me change how our team greets people."


def answered(story, answers):
    """Give `story` answers ({signifier: (a, b, c) | value | "choice" | None for "does not
    apply"}) and mark it sent."""
    for signifier, given in answers.items():
        fields = {}
        if given is None:
            fields["not_applicable"] = True
        elif signifier.kind == Signifier.Kind.TRIAD:
            fields["a"], fields["b"], fields["c"] = given
        elif signifier.kind == Signifier.Kind.SLIDER:
            fields["value"] = given
        else:
            fields["choice"] = given
        Answer.objects.create(response=story, signifier=signifier, **fields)
    story.submitted_at = timezone.now()
    story.save(update_fields=["submitted_at"])
    return story
