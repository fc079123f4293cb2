"""The patterns editors look for across an evaluation's sent stories, for the admin's
Patterns page, its plots (`plots.py`) and its exports.

Only sent stories count (`Response.submitted_at` set), here and everywhere. The group can
be narrowed by the multiple choices' options (`ChoiceFilter`, from the query string: one
option per signifier, several signifiers at once, all of them must hold); an option that
only earlier answers have (a reworded option) is offered too. For the group, each
signifier's pattern: a triad's points, a slider's ten bins, a choice's counts per option,
with "does not apply" and "not answered" counted apart.

Privacy: a group of fewer than `Evaluation.MIN_GROUP` stories has no pattern at all (not
even its count), and an option chosen by fewer is counted as "fewer than 5". Nothing here
reads who told a story.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from . import triads
from .models import Answer, Evaluation, Response, Signifier

SLIDER_BINS = 10
FILTER_PREFIX = "choice_"


def sent_stories(evaluation):
    return Response.objects.filter(evaluation=evaluation, submitted_at__isnull=False)


def is_large_enough(count):
    return count >= Evaluation.MIN_GROUP


# Filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilterOption:
    value: str
    #: Sent stories in the whole evaluation that chose it.
    count: int
    selected: bool
    #: Only earlier answers have it: the option was reworded or removed since.
    earlier_wording: bool

    @property
    def shown_count(self):
        """The count, or None where fewer than `Evaluation.MIN_GROUP` chose it."""
        return self.count if is_large_enough(self.count) else None


@dataclass(frozen=True)
class ChoiceFilter:
    signifier: Signifier
    options: tuple[FilterOption, ...]

    @property
    def name(self):
        return filter_name(self.signifier)

    @property
    def selected(self):
        return [option.value for option in self.options if option.selected]


def filter_name(signifier):
    return f"{FILTER_PREFIX}{signifier.pk}"


def choice_counts(evaluation):
    """{(signifier pk, option): sent stories} over the whole evaluation, in one query."""
    rows = (
        Answer.objects.filter(
            response__in=sent_stories(evaluation),
            signifier__kind=Signifier.Kind.CHOICE,
            not_applicable=False,
        )
        .exclude(choice="")
        .values("signifier_id", "choice")
        .annotate(stories=Count("response", distinct=True))
    )
    return {(row["signifier_id"], row["choice"]): row["stories"] for row in rows}


def options_of(signifier, chosen):
    """The signifier's options now, then the earlier wordings that answers still have."""
    current = signifier.option_list
    earlier = sorted(option for option in chosen if option not in current)
    return [(option, False) for option in current] + [(option, True) for option in earlier]


def choice_filters(evaluation, signifiers, params):
    """One filter per multiple choice, with what `params` (a QueryDict) selects in it;
    and whether `params` asked for anything unknown (which is left out)."""
    counts = choice_counts(evaluation)
    filters, ignored = [], False
    known_names = set()
    for signifier in signifiers:
        if signifier.kind != Signifier.Kind.CHOICE:
            continue
        name = filter_name(signifier)
        known_names.add(name)
        chosen = {option for (pk, option) in counts if pk == signifier.pk}
        wanted = set(params.getlist(name))
        options = tuple(
            FilterOption(
                value=option,
                count=counts.get((signifier.pk, option), 0),
                selected=option in wanted,
                earlier_wording=earlier,
            )
            for option, earlier in options_of(signifier, chosen)
        )
        filters.append(ChoiceFilter(signifier=signifier, options=options))
        if wanted - {option.value for option in options} - {""}:
            ignored = True
    if any(key.startswith(FILTER_PREFIX) and key not in known_names for key in params):
        ignored = True
    return filters, ignored


def filtered_stories(evaluation, filters):
    """The sent stories that chose every selected option."""
    stories = sent_stories(evaluation)
    for choice_filter in filters:
        for option in choice_filter.selected:
            stories = stories.filter(
                Exists(
                    Answer.objects.filter(
                        response=OuterRef("pk"),
                        signifier=choice_filter.signifier,
                        choice=option,
                        not_applicable=False,
                    )
                )
            )
    return stories


def is_filtered(filters):
    return any(choice_filter.selected for choice_filter in filters)


# Patterns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TriadPoint:
    story_id: int
    title: str
    a: int
    b: int
    c: int

    @property
    def weights(self):
        return (self.a, self.b, self.c)

    @property
    def xy(self):
        return triads.point(self.weights)


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int

    @property
    def label(self):
        return f"{self.low}\u2013{self.high}"


@dataclass(frozen=True)
class OptionCount:
    option: str
    count: int
    earlier_wording: bool


@dataclass(frozen=True)
class Pattern:
    """One signifier across the group. `points` (a triad), `bins` (a slider) or `counts`
    (a multiple choice) according to its kind."""

    signifier: Signifier
    not_applicable: int
    unanswered: int
    points: tuple[TriadPoint, ...] = ()
    bins: tuple[Bin, ...] = ()
    counts: tuple[OptionCount, ...] = ()

    @property
    def kind(self):
        return self.signifier.kind


@dataclass(frozen=True)
class Group:
    """The (filtered) group of sent stories. Below `Evaluation.MIN_GROUP` it is not shown:
    no stories, no count, no patterns."""

    shown: bool
    stories: tuple[Response, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    #: {(story pk, signifier pk): Answer}
    answers: dict | None = None

    @property
    def count(self):
        return len(self.stories) if self.shown else None


def story_title(story):
    return story.title or _("A story")


def slider_bin(value):
    return min(value * SLIDER_BINS // 100, SLIDER_BINS - 1)


def bin_edges():
    """[(low, high)]: 0–9, 10–19, … 90–100."""
    width = 100 // SLIDER_BINS
    return [
        (i * width, 100 if i == SLIDER_BINS - 1 else (i + 1) * width - 1)
        for i in range(SLIDER_BINS)
    ]


def triad_points(answers):
    return tuple(
        TriadPoint(story.pk, story_title(story), *answer.weights)
        for story, answer in answers
        if answer.weights is not None
    )


def slider_bins(answers):
    counts = [0] * SLIDER_BINS
    for _story, answer in answers:
        if answer.value is not None:
            counts[slider_bin(answer.value)] += 1
    return tuple(
        Bin(low, high, count) for (low, high), count in zip(bin_edges(), counts, strict=True)
    )


def option_counts(signifier, answers):
    tally = {}
    for _story, answer in answers:
        if answer.choice:
            tally[answer.choice] = tally.get(answer.choice, 0) + 1
    return tuple(
        OptionCount(option, tally.get(option, 0), earlier)
        for option, earlier in options_of(signifier, set(tally))
    )


def pattern_of(signifier, stories, answers):
    """`signifier`'s pattern across `stories`, from `answers` ({(story, signifier): Answer})."""
    given = [
        (story, answers[story.pk, signifier.pk])
        for story in stories
        if (story.pk, signifier.pk) in answers
    ]
    applying = [(story, answer) for story, answer in given if not answer.not_applicable]
    fields = {
        "signifier": signifier,
        "not_applicable": len(given) - len(applying),
        "unanswered": len(stories) - len(given),
    }
    if signifier.kind == Signifier.Kind.TRIAD:
        fields["points"] = triad_points(applying)
    elif signifier.kind == Signifier.Kind.SLIDER:
        fields["bins"] = slider_bins(applying)
    else:
        fields["counts"] = option_counts(signifier, applying)
    return Pattern(**fields)


def answers_of(stories):
    """{(story pk, signifier pk): Answer} for a queryset of stories, in one query."""
    return {
        (answer.response_id, answer.signifier_id): answer
        for answer in Answer.objects.filter(response__in=stories.values("pk"))
    }


def group_of(evaluation, signifiers, filters):
    """The group the filters choose, with each signifier's pattern: three queries, however
    many stories (the stories, their answers; none below `Evaluation.MIN_GROUP`)."""
    chosen = filtered_stories(evaluation, filters).order_by("submitted_at", "pk")
    stories = tuple(chosen.only("pk", "title", "story", "submitted_at"))
    if not is_large_enough(len(stories)):
        return Group(shown=False)
    answers = answers_of(chosen)
    return Group(
        shown=True,
        stories=stories,
        patterns=tuple(pattern_of(signifier, stories, answers) for signifier in signifiers),
        answers=answers,
    )


# One story's answers -------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """How the teller placed their story on one signifier, for the story's page."""

    signifier: Signifier
    answer: Answer | None

    @property
    def not_applicable(self):
        return self.answer is not None and self.answer.not_applicable

    @property
    def placements(self):
        """A triad's [(quality, percentage)]."""
        if self.answer is None or self.answer.weights is None:
            return []
        return list(zip(self.signifier.labels, self.answer.weights, strict=True))


def readings(story, signifiers):
    answers = {answer.signifier_id: answer for answer in story.answers.all()}
    return [Reading(signifier, answers.get(signifier.pk)) for signifier in signifiers]


# The export ----------------------------------------------------------------------------


def export_header(signifiers):
    header = [_("Story number"), _("Date sent"), _("Title"), _("Story")]
    for signifier in signifiers:
        if signifier.kind == Signifier.Kind.TRIAD:
            header += [f"{signifier.question}: {label}" for label in signifier.labels]
        elif signifier.kind == Signifier.Kind.SLIDER:
            header.append(
                _("%(question)s (0: %(left)s, 100: %(right)s)")
                % {
                    "question": signifier.question,
                    "left": signifier.label_a,
                    "right": signifier.label_b,
                }
            )
        else:
            header.append(signifier.question)
    return header


def export_cells(signifier, answer):
    width = 3 if signifier.kind == Signifier.Kind.TRIAD else 1
    if answer is None:
        return [None] * width
    if answer.not_applicable:
        return [_("does not apply")] * width
    if signifier.kind == Signifier.Kind.TRIAD:
        return list(answer.weights) if answer.weights else [None] * 3
    if signifier.kind == Signifier.Kind.SLIDER:
        return [answer.value]
    return [answer.choice or None]


def export_rows(group, signifiers):
    """One row per story of a shown group: number, date sent, title, story, answers."""
    for story in group.stories:
        row = [
            story.pk,
            timezone.localdate(story.submitted_at),
            story.title,
            story.story,
        ]
        for signifier in signifiers:
            row += export_cells(signifier, group.answers.get((story.pk, signifier.pk)))
        yield row
