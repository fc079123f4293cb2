"""Demo content for coaching: 12 invented organisations' requests in every state, the
sessions held with them and the feedback they gave, as the seed community coached over 10.

`build(stdout)` is called by `manage.py demo_content` after the members demo (it needs the
approved demo members). From `data/requests.json` (see `data/README.md`) it makes:

- three coaches: for each sector the data names, the first approved generated member of it
  (by email address, approved before the first request came in; never a role sign-in),
  put in the Coaches group;
- 14 requests from 12 organisations (two came back for another team): new, matched, in
  progress, completed with feedback, completed with the feedback form sent and not yet
  answered, and declined with a kind reason. 11 organisations have been coached;
- the sessions with each, with their themes, over the past months (a few planned ahead).

Times are counted back from when it is built; references are drawn from a seeded random
generator, so the demo reads the same every time (the feedback tokens stay secret: they are
the organisations' keys). Rows are inserted in bulk. It is idempotent: a request is found by
its organisation and team, and one that exists is left as it is.
"""

import random
from datetime import timedelta

from django.utils import timezone

from core.demo import bulk_create_backdated, read_data, uk_morning
from members import roles
from members.demo import approved_generated_members
from members.models import User

from ..impact import held_sessions, organisations_coached
from ..models import REFERENCE_ALPHABET, CoachingRequest, CoachingSession, Feedback, Theme

SEED = 2026
Status = CoachingRequest.Status


def build(stdout):
    data = read_data(__package__, "requests.json")
    specs = data["requests"]
    now = timezone.now()
    coaches = choose_coaches(data["coaches"], earliest=uk_morning(now, max_received(specs)))
    if len(coaches) < len(data["coaches"]):
        stdout.write("  No approved demo members yet: the members demo makes them.\n")
        return
    add_to_coaches_group(coaches)
    existing = set(CoachingRequest.objects.values_list("organisation", "team"))
    new_specs = [spec for spec in specs if (spec["organisation"], spec["team"]) not in existing]
    if new_specs:
        add_requests(new_specs, coaches, now)
    stdout.write(f"Coaching: {describe(len(specs), len(new_specs), coaches)}\n")


def max_received(specs):
    return max(spec["received_days_ago"] for spec in specs)


def describe(count, new, coaches):
    organisations = CoachingRequest.objects.order_by().values("organisation").distinct().count()
    return (
        f"{count} requests from {organisations} organisations ({new} new); "
        f"{organisations_coached()} organisations coached in {held_sessions().count()} "
        f"sessions; coaches: {', '.join(coach.email for coach in coaches)}."
    )


# The coaches ----------------------------------------------------------------------------


def choose_coaches(sectors, earliest):
    """For each sector, its first approved generated member approved before `earliest`."""
    members = approved_generated_members(
        "member_profile__sector", "member_profile__status_changed_at"
    )
    chosen = []
    for sector in sectors:
        pk = next(
            (
                pk
                for pk, their_sector, approved in members
                if their_sector == sector and (approved is None or approved < earliest)
            ),
            None,
        )
        if pk is not None:
            chosen.append(pk)
    by_pk = User.objects.in_bulk(chosen)
    return [by_pk[pk] for pk in chosen]


def add_to_coaches_group(coaches):
    group = roles.get_group(roles.COACHES)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        (Membership(user_id=coach.pk, group_id=group.pk) for coach in coaches),
        ignore_conflicts=True,
    )


# The requests, sessions and feedback ----------------------------------------------------


def reference(rng):
    return "COA-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))


def at(now, days_ago, hour_offset=0):
    return uk_morning(now, days_ago) + timedelta(hours=hour_offset)


def add_requests(specs, coaches, now):
    """The requests in `specs`, with their sessions and feedback: three inserts (and an
    update putting back the requests' last-changed times)."""
    today = timezone.localdate(now)
    requests = []
    for spec in specs:
        rng = random.Random(f"{SEED}:{spec['organisation']}:{spec['team']}")
        received = at(now, spec["received_days_ago"], rng.randint(0, 8))
        completed = (
            at(now, spec["completed_days_ago"], rng.randint(1, 7))
            if spec["status"] == Status.COMPLETED
            else None
        )
        held = [s["days_ago"] for s in spec["sessions"] if s["days_ago"] >= 0]
        last_change = completed or (at(now, min(held), 8) if held else received)
        coach = spec.get("coach")
        requests.append(
            CoachingRequest(
                reference=reference(rng),
                organisation=spec["organisation"],
                team=spec["team"],
                sector=spec["sector"],
                help_wanted=spec["help_wanted"],
                preferred_format=spec["preferred_format"],
                contact_name=spec["contact_name"],
                contact_email=spec["contact_email"],
                status=Status(spec["status"]),
                coach=None if coach is None else coaches[coach],
                decline_reason=spec.get("decline_reason", ""),
                created_at=received,
                completed_at=completed,
                feedback_requested_at=completed,
                updated_at=last_change,
            )
        )
    # updated_at is auto_now: the helper puts the times back after the insert.
    requests = bulk_create_backdated(CoachingRequest, requests, field="updated_at")
    CoachingSession.objects.bulk_create(
        CoachingSession(
            request=request,
            held_on=today - timedelta(days=session["days_ago"]),
            minutes=session["minutes"],
            themes=[Theme(theme).value for theme in session["themes"]],
            notes=session["notes"],
        )
        for request, spec in zip(requests, specs, strict=True)
        for session in spec["sessions"]
    )
    Feedback.objects.bulk_create(
        Feedback(
            request=request,
            helpful=Feedback.Helpful(spec["feedback"]["helpful"]),
            what_changed=spec["feedback"]["what_changed"],
            could_be_better=spec["feedback"]["could_be_better"],
            would_recommend=spec["feedback"]["would_recommend"],
            submitted_at=at(now, spec["feedback"]["days_ago"], 5),
        )
        for request, spec in zip(requests, specs, strict=True)
        if "feedback" in spec
    )
