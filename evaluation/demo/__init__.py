"""Demo content for narrative evaluations: "How the community made a difference", open now.

`build(stdout)` is called by `manage.py demo_content` after the members demo (it needs the
approved demo members; the role sign-ins never tell a story, except the demo member, below).
It creates, from `data/evaluation.json` and `data/stories.json`:

- the evaluation, opened some weeks ago and closing in a few, with two triads, two sliders
  and three multiple choices;
- 60 stories sent over the weeks it has been open, each by an approved generated member of
  the story's sector (a few tell two), with their answers;
- for the demo member (member@example.org), one story sent and one not finished (no answers
  yet), so someone trying the demo finds "Your stories".

Each story's data says what it is about (its sector, where it happened, how its teller
feels about it now: the multiple choices' answers); its triads and sliders are drawn with a
seeded random generator around where such stories lean (`leanings` in the data: see
`data/README.md`), so editors see patterns on the plots and the demo is the same every time.
Rows are inserted in bulk with their past times. It is idempotent: the evaluation is found
by its slug, and one that exists is left as it is.
"""

import random
from datetime import timedelta

from django.utils import timezone

from core.demo import bulk_create_backdated, read_data, uk_morning
from members.demo import DEMO_LOGINS, approved_generated_members
from members.models import User

from .. import triads
from ..models import Answer, Evaluation, Response, Signifier

SEED = 2026
#: How tightly a triad's placements gather where their stories lean (the total of a
#: Dirichlet draw's parameters): higher is tighter.
CONCENTRATION = 10
#: How far sliders spread around where their stories lean (a standard deviation, 0 to 100).
SLIDER_SPREAD = 10
#: How often a story is told by someone of its sector who has told one already.
SECOND_STORY = 0.15
#: Minutes between starting a story and sending it with its answers.
MINUTES_TO_TELL = (4, 35)
#: Stories are told in the day, UK time, from this hour to that.
DAYTIME = (7, 22)
DEMO_MEMBER = next(email for role, email, *_rest in DEMO_LOGINS if role == "Member")


def build(stdout):
    data = read_data(__package__, "evaluation.json")
    spec = data["evaluation"]
    evaluation = Evaluation.objects.filter(slug=spec["slug"]).first()
    new = 0
    if evaluation is None:
        members = demo_members()
        if not members:
            stdout.write("  No approved demo members yet: the members demo makes them.\n")
            return
        stories = read_data(__package__, "stories.json")
        evaluation = add_evaluation(data, stories, members, timezone.now())
        new = 1
    stdout.write(f"Narrative evaluations: 1 evaluation ({new} new).\n")
    stdout.write(f"  {describe(evaluation)}\n")


def demo_members():
    """(pk, sector, approved at) of the approved generated members, in a fixed order (by
    their generated email address); never the role sign-ins."""
    return approved_generated_members(
        "member_profile__sector", "member_profile__status_changed_at"
    )


def describe(evaluation):
    """One line on the evaluation: its stories and until when it is open."""
    stories = evaluation.responses
    sent = stories.filter(submitted_at__isnull=False).count()
    words = [
        f"'{evaluation.title}': {sent} stories sent",
        f"{stories.filter(submitted_at__isnull=True).count()} not finished",
    ]
    if evaluation.closes_at:
        words.append(f"open until {timezone.localtime(evaluation.closes_at):%d %B %Y}")
    return "; ".join(words) + "."


# The evaluation and its stories ---------------------------------------------------------


def add_evaluation(data, stories, members, now):
    """The evaluation, its signifiers and its stories, as told over the weeks until `now`."""
    spec = data["evaluation"]
    rng = random.Random(f"{SEED}:{spec['slug']}")
    opens = uk_morning(now, spec["opened_days_ago"])
    evaluation = Evaluation.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec["introduction"],
        content_note=spec.get("content_note", ""),
        opens_at=opens,
        closes_at=uk_morning(now, -spec["closes_in_days"]),
        created_at=opens - timedelta(days=7),
    )
    signifiers = add_signifiers(evaluation, spec["signifiers"])
    told = stories["stories"]
    tellers = choose_tellers(told, members, data["tellers"], opens, rng)
    times = story_times(rng, len(told), opens, now)
    rng.shuffle(times)  # the data is grouped by where stories happened; their times are not
    rows = [
        (story, teller, when, True)
        for story, teller, when in zip(told, tellers, times, strict=True)
    ]
    demo_member = User.objects.filter(email=DEMO_MEMBER).values_list("pk", flat=True).first()
    if demo_member is not None:
        for name in ("sent", "unfinished"):
            story = stories["demo_member"][name]
            when = now - timedelta(days=story["days_ago"], minutes=rng.randint(30, 300))
            rows.append((story, demo_member, when, name == "sent"))
    add_stories(evaluation, signifiers, data["leanings"], rows, rng)
    return evaluation


def add_signifiers(evaluation, specs):
    """{key: Signifier} of the data's signifiers, in their order."""
    created = Signifier.objects.bulk_create(
        Signifier(
            evaluation=evaluation,
            sort_order=order,
            kind=Signifier.Kind(spec["kind"]),
            question=spec["question"],
            label_a=spec.get("labels", ["", ""])[0],
            label_b=spec.get("labels", ["", ""])[1],
            label_c=spec["labels"][2] if spec["kind"] == Signifier.Kind.TRIAD else "",
            options="\n".join(spec.get("options", [])),
        )
        for order, spec in enumerate(specs)
    )
    return {spec["key"]: signifier for spec, signifier in zip(specs, created, strict=True)}


def choose_tellers(stories, members, sectors, opens, rng):
    """A member (pk) for each story: approved before the evaluation opened, of the sector the
    story names (its `teller_sector` when it names none), now and then one who has told a
    story of that sector already."""
    eligible = [
        (pk, sector) for pk, sector, approved in members if approved is None or approved < opens
    ]
    told = {}
    tellers = []
    for story in stories:
        sector = story.get("teller_sector") or sectors[story["sector"]]
        earlier = told.setdefault(sector, [])
        if earlier and rng.random() < SECOND_STORY:
            teller = rng.choice(earlier)
        else:
            pool = [pk for pk, their in eligible if their == sector and pk not in earlier]
            teller = rng.choice(pool or [pk for pk, _sector in eligible])
            earlier.append(teller)
        tellers.append(teller)
    return tellers


def story_times(rng, count, opens, now):
    """When each of `count` stories was begun, in the day time: more in the first weeks,
    soon after the evaluation was announced, than lately."""
    span = (now - opens).total_seconds()
    times = []
    for _story in range(count):
        when = timezone.localtime(opens + timedelta(seconds=span * rng.betavariate(1.2, 1.8)))
        if not DAYTIME[0] <= when.hour < DAYTIME[1]:
            when = when.replace(hour=rng.randrange(*DAYTIME), minute=rng.randrange(60))
        latest = now - timedelta(minutes=rng.randint(60, 240))
        times.append(max(min(when, latest), opens + timedelta(minutes=rng.randint(20, 90))))
    return times


def add_stories(evaluation, signifiers, leanings, rows, rng):
    """The stories in `rows` ((story's data, teller's pk, when begun, whether sent)), those
    sent with their answers: two inserts and an update in all."""
    responses = []
    for story, teller, begun, is_sent in rows:
        sent = begun + timedelta(minutes=rng.randint(*MINUTES_TO_TELL))
        responses.append(
            Response(
                evaluation=evaluation,
                respondent_id=teller,
                title=story["title"],
                story=story["story"],
                created_at=begun,
                submitted_at=sent if is_sent else None,
                updated_at=sent,
            )
        )
    # updated_at is auto_now: the helper puts the times of sending back after the insert.
    responses = bulk_create_backdated(Response, responses, field="updated_at")
    Answer.objects.bulk_create(
        Answer(
            response=response, signifier=signifier, **answer(signifier, key, story, leanings, rng)
        )
        for response, (story, *_rest) in zip(responses, rows, strict=True)
        if response.submitted_at is not None
        for key, signifier in signifiers.items()
    )


def answer(signifier, key, story, leanings, rng):
    """The fields of the story's answer to `signifier` (its `key` in the data)."""
    if key in story.get("does_not_apply", []):
        return {"not_applicable": True}
    if signifier.kind == Signifier.Kind.CHOICE:
        given = story.get(key)
        if given is None:
            return {"not_applicable": True}
        if given not in signifier.option_list:
            raise ValueError(f"{given!r} is not an option of {signifier.question!r}")
        return {"choice": given}
    lean = leaning(leanings[key], story)
    if signifier.kind == Signifier.Kind.TRIAD:
        a, b, c = placement(lean, rng)
        return {"a": a, "b": b, "c": c}
    return {"value": min(max(round(rng.gauss(lean, SLIDER_SPREAD)), 0), 100)}


def leaning(spec, story):
    """Where a story leans on one triad (three weights) or slider (0 to 100): the base, and
    the pull of each of the story's answers that the spec names."""
    pulls = [table.get(story.get(fact)) for fact, table in spec["by"].items()]
    pulls = [pull for pull in pulls if pull is not None]
    if isinstance(spec["base"], list):
        return [sum(weights) for weights in zip(spec["base"], *pulls, strict=True)]
    return spec["base"] + sum(pulls)


def placement(weights, rng):
    """A triad's placement (three percentages) drawn around `weights` (a Dirichlet draw:
    each corner's share of CONCENTRATION)."""
    total = sum(weights)
    drawn = [rng.gammavariate(CONCENTRATION * weight / total, 1) for weight in weights]
    return triads.as_percentages(drawn if sum(drawn) else weights)
