"""Demo content for consensus studies: one finished three-round study and one open now.

`build(stdout)` is called by `manage.py demo_content` after the members demo (it needs the
approved demo members; the role sign-ins never take part, so a tester signed in as the demo
member can join the open study). It creates, from `data/studies.json`:

- "Principles of trauma-informed care", finished: 25 statements in six sections rated by 40
  generated members over three rounds of three weeks, months ago (a few drop out after
  each round). Some statements reach consensus in each round and some never do; between
  rounds the editors reword two statements from the comments and add one;
- "What helps at a first appointment": 8 statements, its first round opened 3 days ago and
  closing in 18 days, already rated by 15 members (4 of them part of the way through).

Ratings are drawn with a seeded random generator around each statement's "true" level of
agreement (see `data/README.md`), so the demo is the same every time; they are inserted in
bulk with their past times, and closed rounds are closed through `rounds.close_round`, so
their results are worked out and stored as an editor's closing would. It is idempotent:
studies are found by their slug, and one that exists is left as it is.
"""

import math
import random
from datetime import timedelta

from django.utils import timezone

from core.demo import bulk_create_backdated, read_data, uk_morning
from members.demo import approved_generated_members

from .. import rounds as study_rounds
from .. import stats
from ..models import Participant, Rating, Round, Section, Statement, Study

SEED = 2026
#: How much of a rater's distance from their camp's view is left in each later round, as
#: they read the group's result (the convergence a Delphi process relies on).
CONVERGENCE = 0.4
#: How far raters' views of a statement spread around its level, unless it says otherwise.
SPREAD = 1.8
#: Round-to-round wobble in anyone's rating.
NOISE = 0.2
#: Where the dissenters of a statement with `dissent` stand, whatever the rounds show them.
DISSENT_LEVEL = 2.6
#: Raters' sittings, as a share of the round's time so far: few on the first day or the last.
SITTING_FROM, SITTING_TO = 0.02, 0.9
SECONDS_A_STATEMENT = (15, 90)


def build(stdout):
    members = demo_members()
    if not members:
        stdout.write("  No approved demo members yet: the members demo makes them.\n")
        return
    now = timezone.now()
    specs = read_data(__package__, "studies.json")["studies"]
    new = 0
    for spec in specs:
        if not Study.objects.filter(slug=spec["slug"]).exists():
            add_study(spec, members, now)
            new += 1
    studies = Study.objects.filter(slug__in=[spec["slug"] for spec in specs])
    stdout.write(f"Consensus studies: {studies.count()} studies ({new} new).\n")
    for study in studies.order_by("created_at"):
        stdout.write(f"  {describe(study)}\n")


def demo_members():
    """(pk, approved at) of the approved generated members, in a fixed order (by their
    generated email address); never the role sign-ins."""
    return approved_generated_members("member_profile__status_changed_at")


def describe(study):
    """One line on where the study stands: its rounds and when statements were agreed."""
    closed = study.rounds.filter(closed_at__isnull=False)
    statements = Statement.objects.filter(section__study=study).count()
    people = study.participants.count()
    agreed = [
        closed.filter(number=round.number, asked__consensus=True).count()
        for round in closed.order_by("number")
    ]
    words = [f"'{study.title}': {statements} statements, {people} participants"]
    if agreed:
        per_round = ", ".join(
            f"{count} in round {number}" for number, count in enumerate(agreed, start=1)
        )
        words.append(f"consensus on {per_round}, {statements - sum(agreed)} not reached")
    current = study.rounds.filter(closed_at__isnull=True).order_by("number").first()
    if current is not None:
        words.append(f"round {current.number} open until {current.closes_at:%d %B %Y}")
    if study.is_finished:
        words.append("finished")
    return "; ".join(words) + "."


# A study -------------------------------------------------------------------------------


def add_study(spec, members, now):
    """The study in `spec`, with its rounds run one after another as its editors would: open
    a round, its participants rate, it closes; then reword or add statements and open the
    next. A round still open at `now` keeps the ratings given so far."""
    rng = random.Random(f"{SEED}:{spec['slug']}")
    first_opens = uk_morning(now, spec["rounds"][0]["opens_days_ago"])
    # Members approved by the time the first round opened; those who rate the first round
    # take part, in a seeded order (the last of them drop out first).
    eligible = [pk for pk, approved in members if approved is None or approved < first_opens]
    chosen = rng.sample(eligible, min(spec["rounds"][0]["raters"], len(eligible)))
    study = Study.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        purpose=spec["purpose"],
        audience=spec["audience"],
        created_at=first_opens - timedelta(days=10),
    )
    plans = add_statements(study, spec)
    participants = []
    for number, round_spec in enumerate(spec["rounds"], start=1):
        if number > 1:
            between_rounds(study, plans, number)
        opens = uk_morning(now, round_spec["opens_days_ago"])
        round = Round.objects.create(
            study=study,
            number=number,
            opens_at=opens,
            closes_at=opens + timedelta(days=round_spec["days"]),
        )
        asked = study_rounds.open_round(round)
        sittings = sitting_times(rng, round, len(chosen[: round_spec["raters"]]), now)
        if number == 1:
            participants = Participant.objects.bulk_create(
                Participant(study=study, member_id=pk, joined_at=sitting)
                for pk, sitting in zip(chosen, sittings, strict=True)
            )
        raters = participants[: round_spec["raters"]]
        rate(round, asked, plans, raters, sittings, round_spec.get("partly", 0), rng)
        if round.closes_at <= now:
            study_rounds.close_round(round, now=round.closes_at)
    if "finished_days_ago" in spec:
        study_rounds.finish(study, now=uk_morning(now, spec["finished_days_ago"]))
    return study


def add_statements(study, spec):
    """Sections and the statements asked from the first round; {statement spec's text:
    Plan} for every statement, those added later with no Statement yet."""
    plans = {}
    for section_order, section_spec in enumerate(spec["sections"], start=1):
        section = Section.objects.create(
            study=study, title=section_spec["title"], sort_order=section_order
        )
        for order, statement_spec in enumerate(section_spec["statements"], start=1):
            seed = f"{SEED}:{spec['slug']}:{statement_spec['text']}"
            plan = Plan(statement_spec, seed, section, order)
            if statement_spec.get("added_in_round", 1) == 1:
                plan.create()
            plans[statement_spec["text"]] = plan
    return plans


def between_rounds(study, plans, number):
    """Before round `number` opens: the editors reword the statements the comments asked
    them to (those still open) and add those new to this round."""
    agreed = set(
        study.rounds.get(number=number - 1)
        .asked.filter(consensus=True)
        .values_list("statement_id", flat=True)
    )
    for plan in plans.values():
        if plan.spec.get("added_in_round") == number:
            plan.create()
        elif (
            plan.spec.get("revised_after_round") == number - 1
            and plan.statement is not None
            and plan.statement.pk not in agreed
        ):
            plan.revise()


def sitting_times(rng, round, count, now):
    """When each of `count` raters sat down to rate the round, within its time so far."""
    until = min(round.closes_at, now)
    span = (until - round.opens_at).total_seconds()
    return sorted(
        round.opens_at + timedelta(seconds=span * rng.uniform(SITTING_FROM, SITTING_TO))
        for _rater in range(count)
    )


def rate(round, asked, plans, raters, sittings, partly, rng):
    """Every rater's ratings of the round's statements in one insert, with the comments in
    the data on the ratings of raters in the band they speak for; the last `partly` raters
    have rated only the first few statements so far."""
    by_statement = {plan.statement.pk: plan for plan in plans.values() if plan.statement}
    rows = {}
    for position, (participant, sitting) in enumerate(zip(raters, sittings, strict=True)):
        stop = len(asked)
        if position >= len(raters) - partly:
            stop = rng.randint(1, max(len(asked) - 2, 1))
        when = sitting
        for item in asked[:stop]:
            when += timedelta(seconds=rng.randint(*SECONDS_A_STATEMENT))
            value = by_statement[item.statement_id].rating(position, round.number)
            rows[item.pk, position] = Rating(
                asked=item, participant=participant, value=value, updated_at=when
            )
    for item in asked:
        add_comments(item, by_statement[item.statement_id], round.number, rows, rng)
    bulk_create_backdated(Rating, rows.values(), field="updated_at")


def add_comments(item, plan, number, rows, rng):
    """The data's comments of round `number` on `item`, each on the rating of a rater in
    the band it speaks for (any rater with an opinion when none is)."""
    for comment in plan.spec.get("comments", []):
        if comment["round"] != number:
            continue
        ratings = [
            rating
            for (asked_pk, _position), rating in rows.items()
            if asked_pk == item.pk and rating.value is not None and not rating.comment
        ]
        fitting = [rating for rating in ratings if stats.band(rating.value) == comment["from"]]
        if fitting or ratings:
            rng.choice(fitting or ratings).comment = comment["text"]


class Plan:
    """One statement of the data, and how each participant (by their place in the study's
    seeded order) rates it in each round.

    A rater's view sits around the statement's level (`agreement`), `spread` apart; in
    each later round only CONVERGENCE of their distance from it is left, as they read the
    group's result, so a statement a little over 6.5 gets there in time and one under it
    never does. The `dissent` share of raters stand near DISSENT_LEVEL instead, and stay
    there. Some have no opinion (`no_opinion`, a share) in every round.
    """

    def __init__(self, spec, seed, section, sort_order):
        self.spec = spec
        self.rng = random.Random(seed)
        self.section = section
        self.sort_order = sort_order
        self.level = spec["agreement"]
        self.spread = spec.get("spread", SPREAD)
        self.statement = None  # made when first asked
        self.views = {}

    def create(self):
        self.statement = Statement.objects.create(
            section=self.section, text=self.spec["text"], sort_order=self.sort_order
        )

    def revise(self):
        """The editors' new wording, which the raters see their way to agreeing more."""
        self.statement.text = self.spec["revised_text"]
        self.statement.save(update_fields=["text"])
        self.level = self.spec["revised_agreement"]

    def view(self, position):
        """(distance from the level, dissents, no opinion): drawn when first asked."""
        if position not in self.views:
            self.views[position] = (
                self.rng.gauss(0, self.spread),
                self.rng.random() < self.spec.get("dissent", 0),
                self.rng.random() < self.spec.get("no_opinion", 0.02),
            )
        return self.views[position]

    def rating(self, position, number):
        """The rating (None for no opinion) of the rater at `position` in round `number`."""
        distance, dissents, no_opinion = self.view(position)
        first = self.spec.get("added_in_round", 1)
        level = DISSENT_LEVEL if dissents else self.level
        value = level + distance * CONVERGENCE ** (number - first) + self.rng.gauss(0, NOISE)
        if no_opinion:
            return None
        return min(max(math.floor(value + 0.5), 1), stats.DEFAULT_RULE.scale_max)
