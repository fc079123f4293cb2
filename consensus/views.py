"""Members' pages for taking part in a consensus study (/consensus/): the studies they may
take part in, a study's purpose and rounds, one round's rating form (with an autosave
endpoint for one statement at a time), withdrawing, and the results of closed rounds
(`results.py` makes the rows, `charts.py` the SVG charts).

Approved members only; anyone else gets core.access's answer (sign in, or why not). A panel
study is not found for someone not invited. No URL names a rating or a participant: each
view works on the signed-in person's own participation only.
"""

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import access

from . import charts, results, rounds, stats
from .forms import OneRatingForm, RoundForm, scale_bands
from .models import Participant, Rating, Round, RoundStatement, Study

# A study's state, for the listing and its page.
OPEN, BETWEEN, NOT_STARTED, FINISHED = "open", "between", "not-started", "finished"


approved_only = access.approved_members_only


# Which studies, and where they stand ------------------------------------------------------


def studies_for(user):
    """The studies `user` (an approved member) may take part in: rounds.may_take_part as
    a query."""
    return Study.objects.filter(
        Q(audience=Study.Audience.MEMBERS) | Q(audience=Study.Audience.PANEL, panel=user)
    ).distinct()


def study_or_404(request, slug):
    return get_object_or_404(studies_for(request.user), slug=slug)


def membership_of(user, study):
    """The person's Participant row in `study`, withdrawn or not, or None."""
    return Participant.objects.filter(study=study, member=user).first()


def has_closed(round, now):
    return round.is_closed or round.closes_at <= now


def state_of(study, round_list, now):
    """(state, round) for a study's rounds in number order: the round open now, the next
    one to open, or the last one; finished only once the editors said so (rounds.finish),
    between rounds until then."""
    if study.is_finished:
        return FINISHED, round_list[-1] if round_list else None
    for round in round_list:
        if round.is_open(now):
            return OPEN, round
    upcoming = [round for round in round_list if not round.is_closed and round.opens_at > now]
    if upcoming:
        started = any(has_closed(round, now) for round in round_list)
        return (BETWEEN if started else NOT_STARTED), upcoming[0]
    if round_list:
        return BETWEEN, round_list[-1]
    return NOT_STARTED, None


def round_states(round_list, now):
    """Each round with "closed", "open" or "later", for the study's page."""
    states = []
    for round in round_list:
        if has_closed(round, now):
            states.append((round, "closed"))
        elif round.is_open(now):
            states.append((round, "open"))
        else:
            states.append((round, "later"))
    return states


def in_order(asked):
    """A round's statements in the editors' order: by section, then within it."""
    return sorted(
        asked,
        key=lambda item: (
            item.statement.section.sort_order,
            item.statement.section_id,
            item.statement.sort_order,
            item.statement_id,
        ),
    )


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


# Pages ------------------------------------------------------------------------------------


@approved_only
def study_list(request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    now = timezone.now()
    studies = studies_for(request.user).prefetch_related(
        Prefetch("rounds", queryset=Round.objects.order_by("number")),
        Prefetch(
            "participants",
            queryset=Participant.objects.filter(member=request.user),
            to_attr="mine",
        ),
    )
    items = []
    for study in studies:
        state, round = state_of(study, list(study.rounds.all()), now)
        membership = study.mine[0] if study.mine else None
        items.append(
            {
                "study": study,
                "state": state,
                "round": round,
                "withdrawn": membership is not None and membership.withdrawn_at is not None,
            }
        )
    return TemplateResponse(request, "consensus/study_list.html", {"items": items})


@approved_only
def study_detail(request, slug):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    study = study_or_404(request, slug)
    now = timezone.now()
    round_list = list(study.rounds.order_by("number"))
    state, round = state_of(study, round_list, now)
    membership = membership_of(request.user, study)
    asked_count = answered = 0
    if state == OPEN:
        asked_count = len(rounds.open_round(round))
        if membership is not None:
            answered = Rating.objects.filter(participant=membership, asked__round=round).count()
    rule = study.rule()
    return TemplateResponse(
        request,
        "consensus/study_detail.html",
        {
            "study": study,
            "rule": rule,
            "bands": scale_bands(rule),
            "rounds": round_states(round_list, now),
            "state": state,
            "round": round,
            "membership": membership,
            "withdrawn": membership is not None and membership.withdrawn_at is not None,
            "asked_count": asked_count,
            "answered": answered,
            "left": asked_count - answered,
            "has_results": any(item.is_closed for item in round_list),
        },
    )


def _left_study(request, study, membership, status=200):
    """The page for someone who withdrew: they take no further part."""
    return TemplateResponse(
        request,
        "consensus/left.html",
        {"study": study, "membership": membership},
        status=status,
    )


def _not_open(request, study, round, now, posted=False):
    """A closed or not yet open round: say so kindly and link to the study."""
    return TemplateResponse(
        request,
        "consensus/round_not_open.html",
        {
            "study": study,
            "round": round,
            "closed": has_closed(round, now),
            "posted": posted,
        },
        # A form sent to a round that is not open: nothing was saved.
        status=409 if posted else 200,
    )


def previous_results(study, round, membership):
    """(previous round or None, {statement pk: {"result", "rated", "own"}}): the group's
    result in the closed round before this one, for each statement it asked (only when
    `shown`: enough raters), and the person's own rating then."""
    if round.number <= 1:
        return None, {}
    previous = Round.objects.filter(
        study=study, number=round.number - 1, closed_at__isnull=False
    ).first()
    if previous is None:
        return None, {}
    own = {}
    if membership is not None:
        own = dict(
            Rating.objects.filter(participant=membership, asked__round=previous).values_list(
                "asked__statement_id", "value"
            )
        )
    rule = study.rule()
    found = {}
    for asked in previous.asked.all():
        found[asked.statement_id] = {
            "result": result_for_display(asked, rule) if asked.shown else None,
            "rated": asked.statement_id in own,
            "own": own.get(asked.statement_id),
        }
    return previous, found


def _number(value):
    """6.0 -> 6, 6.5 -> 6.5: ratings' medians and quartiles are multiples of 0.25."""
    return int(value) if value == int(value) else value


def result_for_display(asked, rule):
    """A closed round's shown result for one statement, ready for the template."""
    return {
        "counted": asked.counted,
        "no_opinion": asked.no_opinion,
        "median": None if asked.median is None else _number(asked.median),
        "q1": None if asked.q1 is None else _number(asked.q1),
        "q3": None if asked.q3 is None else _number(asked.q3),
        "agree_percent": None if asked.agree_percent is None else round(asked.agree_percent),
        "agree_from": rule.agree_from,
        "scale_max": rule.scale_max,
        "consensus": asked.consensus,
        "distribution": list(enumerate(asked.distribution or [], start=1)),
    }


def _sections(form, previous):
    """[(section, [row])] in order; a row is the statement, its fields and what it had in
    the round before."""
    sections = []
    for number, (item, rating, comment) in enumerate(form.rows(), start=1):
        section = item.statement.section
        if not sections or sections[-1][0].pk != section.pk:
            sections.append((section, []))
        sections[-1][1].append(
            {
                "number": number,
                "asked": item,
                "rating": rating,
                "comment": comment,
                "previous": previous.get(item.statement_id),
            }
        )
    return sections


def _saved_message(left, closes_at):
    if left == 0:
        return _(
            "Your answers are saved, and you have rated every statement. You can change "
            "them until the round closes on %(date)s."
        ) % {"date": _when(closes_at)}
    return ngettext(
        "Your answers are saved. There is %(left)s statement left to rate; you can come "
        "back to it until %(date)s.",
        "Your answers are saved. There are %(left)s statements left to rate; you can come "
        "back to them until %(date)s.",
        left,
    ) % {"left": left, "date": _when(closes_at)}


@approved_only
def round_page(request, slug, number):
    """The rating form for a round open now; answers already given are filled in."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    study = study_or_404(request, slug)
    round = get_object_or_404(Round, study=study, number=number)
    round.study = study
    posted = request.method == "POST"
    membership = membership_of(request.user, study)
    if membership is not None and membership.withdrawn_at is not None:
        return _left_study(request, study, membership, status=403 if posted else 200)
    now = timezone.now()
    if not round.is_open(now):
        return _not_open(request, study, round, now, posted=posted)

    asked = in_order(rounds.open_round(round))
    ratings = {}
    if membership is not None:
        ratings = {
            rating.asked_id: rating
            for rating in Rating.objects.filter(participant=membership, asked__round=round)
        }
    previous_round, previous = previous_results(study, round, membership)
    rule = study.rule()
    status = 200
    saved = 0
    if posted:
        form = RoundForm(request.POST, asked=asked, rule=rule)
        valid = form.is_valid()
        answers = form.answers()
        if answers:
            participant = membership or rounds.participant_for(request.user, study, create=True)
            if participant is None:
                return _left_study(request, study, membership_of(request.user, study), 403)
            try:
                for item, (value, comment) in answers.items():
                    rounds.save_rating(participant, item, value, comment)
                    ratings[item.pk] = True
                    saved += 1
            except rounds.RoundClosed:
                return _not_open(request, study, round, timezone.now(), posted=True)
        left = len(asked) - len(ratings)
        if valid:
            messages.success(request, _saved_message(left, round.closes_at))
            if request.POST.get("action") == "later":
                return redirect("consensus:study", study.slug)
            return redirect("consensus:round", study.slug, round.number)
        status = 400
    else:
        form = RoundForm(initial=RoundForm.initial_for(ratings), asked=asked, rule=rule)
    return TemplateResponse(
        request,
        "consensus/round.html",
        {
            "study": study,
            "round": round,
            "rule": rule,
            "form": form,
            "sections": _sections(form, previous),
            "previous_round": previous_round,
            "asked_count": len(asked),
            "answered": len(ratings),
            "left": len(asked) - len(ratings),
            "saved": saved,
        },
        status=status,
    )


def _json_refusal(message, status):
    return JsonResponse({"saved": False, "message": str(message)}, status=status)


@approved_only
@require_POST
def round_save(request, slug, number):
    """Autosave one statement's rating (and comment): a JSON answer, for autosave.js."""
    study = study_or_404(request, slug)
    round = get_object_or_404(Round, study=study, number=number)
    round.study = study
    membership = membership_of(request.user, study)
    if membership is not None and membership.withdrawn_at is not None:
        return _json_refusal(_("You have left this study, so nothing was saved."), 403)
    now = timezone.now()
    if not round.is_open(now):
        if has_closed(round, now):
            return _json_refusal(_("This round has closed, so your rating was not saved."), 409)
        return _json_refusal(_("This round has not opened yet, so nothing was saved."), 409)
    rule = study.rule()
    form = OneRatingForm(request.POST, rule=rule)
    if not form.is_valid():
        return _json_refusal(form.first_error(), 400)
    asked = RoundStatement.objects.filter(round=round, pk=form.cleaned_data["statement"]).first()
    if asked is None:
        return _json_refusal(_("That statement is not in this round."), 400)
    asked.round = round
    participant = membership or rounds.participant_for(request.user, study, create=True)
    if participant is None:
        return _json_refusal(_("You have left this study, so nothing was saved."), 403)
    try:
        rounds.save_rating(participant, asked, form.value(), form.cleaned_data["comment"])
    except rounds.RoundClosed:
        return _json_refusal(_("This round has closed, so your rating was not saved."), 409)
    except ValueError:
        return _json_refusal(_("That rating could not be saved: please check it."), 400)
    left = round.asked.count() - participant.ratings.filter(asked__round=round).count()
    return JsonResponse(
        {
            "saved": True,
            "left": left,
            "message": _("Saved. %(left)s left to rate.") % {"left": left}
            if left
            else _("Saved. You have rated every statement."),
        }
    )


@approved_only
def withdraw(request, slug):
    """Leave a study: a page saying what happens, then a POST."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    study = study_or_404(request, slug)
    membership = membership_of(request.user, study)
    if request.method == "POST":
        if membership is None:
            # Never rated: they leave all the same, and are not asked again.
            membership = rounds.participant_for(request.user, study, create=True)
        if membership is not None and membership.withdrawn_at is None:
            rounds.withdraw(membership)
        messages.success(
            request, _("You have left the study. Your ratings and comments have been deleted.")
        )
        return redirect("consensus:study", study.slug)
    return TemplateResponse(
        request,
        "consensus/withdraw.html",
        {
            "study": study,
            "membership": membership,
            "withdrawn": membership is not None and membership.withdrawn_at is not None,
            "study_url": reverse("consensus:study", args=[study.slug]),
        },
    )


# Results ----------------------------------------------------------------------------------


def _distribution_rows(item, rule):
    """(rating, band's name, people) for each rating, as the chart beside it shows them."""
    return [
        (value, charts.band_name(stats.band(value, rule)), count)
        for value, count in item.distribution
    ]


def _with_charts(round_result, rule):
    """Each statement's result with its chart and the chart's table (only when shown)."""
    items = []
    for item in round_result.statements:
        chart_id = f"chart-{round_result.number}-{item.statement_id}"
        items.append(
            {
                "result": item,
                "chart_id": chart_id,
                "chart": charts.distribution_svg(item, rule, chart_id),
                "distribution": _distribution_rows(item, rule) if item.shown else [],
            }
        )
    return items


@approved_only
def study_results(request, slug):
    """Every closed round's results and, once the study is finished, the final report."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    study = study_or_404(request, slug)
    all_results = results.study_results(study)
    return TemplateResponse(
        request,
        "consensus/results.html",
        {
            "study": study,
            "rule": study.rule(),
            "all_results": all_results,
            "summary": results.final_summary(all_results) if study.is_finished else None,
            "min_raters": Study.MIN_RATERS,
        },
    )


@approved_only
def round_results(request, slug, number):
    """One closed round's results, each statement with a chart and its table; a round not
    closed yet gets a page saying when its results come."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    study = study_or_404(request, slug)
    round = get_object_or_404(Round, study=study, number=number)
    if not round.is_closed:
        return TemplateResponse(
            request,
            "consensus/results_not_yet.html",
            {"study": study, "round": round, "open": round.is_open()},
        )
    round_result = results.round_results(results.closed_rounds(study, number)[0])
    rule = study.rule()
    return TemplateResponse(
        request,
        "consensus/round_results.html",
        {
            "study": study,
            "rule": rule,
            "results": round_result,
            "items": _with_charts(round_result, rule),
            "min_raters": Study.MIN_RATERS,
        },
    )
