"""Members' pages for a narrative evaluation (/evaluation/): the evaluations open to them,
one evaluation's introduction with the stories they told in it, telling a story (the story,
then its signifiers), changing it while the evaluation is open, and deleting it at any time.

Approved members only; anyone else gets core.access's answer (sign in, or why not). Every
URL naming a story is looked up among the signed-in person's own stories, so someone else's
story is not found.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core import access

from .forms import SignifiersForm, StoryForm, answers_by_signifier
from .models import Answer, Evaluation, Response

approved_only = access.approved_members_only


def opened_evaluations():
    return Evaluation.objects.filter(opens_at__lte=timezone.now())


def evaluation_or_404(slug):
    return get_object_or_404(opened_evaluations(), slug=slug)


def own_story_or_404(request, evaluation, pk):
    return get_object_or_404(Response, pk=pk, evaluation=evaluation, respondent=request.user)


def closed_page(request, evaluation):
    """What someone sees on trying to tell or change a story once the evaluation closed,
    with the story they had just written (not saved) to keep a copy of."""
    return TemplateResponse(
        request,
        "evaluation/closed.html",
        {"evaluation": evaluation, "unsaved": request.POST.get("story", "").strip()},
    )


@approved_only
def evaluation_list(request):
    evaluations = opened_evaluations().annotate(
        own_stories=Count("responses", filter=Q(responses__respondent=request.user))
    )
    now = timezone.now()
    return TemplateResponse(
        request,
        "evaluation/evaluation_list.html",
        {
            "open_evaluations": [item for item in evaluations if item.is_open(now)],
            "closed_evaluations": [item for item in evaluations if not item.is_open(now)],
        },
    )


@approved_only
def evaluation_detail(request, slug):
    evaluation = evaluation_or_404(slug)
    stories = Response.objects.filter(evaluation=evaluation, respondent=request.user)
    return TemplateResponse(
        request,
        "evaluation/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "is_open": evaluation.is_open(),
            "stories": stories,
            "signifier_count": evaluation.signifiers.count(),
        },
    )


@approved_only
def tell(request, slug, pk=None):
    """The story itself: a new one, or (with `pk`) one of the person's own, changed."""
    evaluation = evaluation_or_404(slug)
    story = own_story_or_404(request, evaluation, pk) if pk else None
    if not evaluation.is_open():
        return closed_page(request, evaluation)
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        story = form.save(commit=False)
        story.evaluation = evaluation
        story.respondent = request.user
        story.save()
        if story.is_submitted:
            messages.success(request, _("Your story was saved."))
            return redirect("evaluation:evaluation", slug=evaluation.slug)
        return redirect("evaluation:signifiers", slug=evaluation.slug, pk=story.pk)
    return TemplateResponse(
        request,
        "evaluation/tell.html",
        {"evaluation": evaluation, "form": form, "story": story},
    )


@approved_only
def signifiers(request, slug, pk):
    evaluation = evaluation_or_404(slug)
    story = own_story_or_404(request, evaluation, pk)
    if not evaluation.is_open():
        return closed_page(request, evaluation)
    form = SignifiersForm(
        request.POST or None,
        signifiers=evaluation.signifiers.all(),
        answers=answers_by_signifier(story),
    )
    if request.method == "POST" and form.is_valid():
        save_answers(story, form.answers())
        messages.success(request, thanks(evaluation))
        return redirect("evaluation:evaluation", slug=evaluation.slug)
    return TemplateResponse(
        request,
        "evaluation/signifiers.html",
        {"evaluation": evaluation, "form": form, "story": story},
    )


def thanks(evaluation):
    if evaluation.closes_at is None:
        return _("Thank you. Your story and how you see it were saved: you can change them here.")
    closes = formats.date_format(timezone.localtime(evaluation.closes_at), "j F Y")
    return _(
        "Thank you. Your story and how you see it were saved: you can change them until %(date)s."
    ) % {"date": closes}


@transaction.atomic
def save_answers(story, answers):
    """Store the story's answers (one per signifier, by the database) and mark it sent."""
    for signifier_id, fields in answers.items():
        Answer.objects.update_or_create(response=story, signifier_id=signifier_id, defaults=fields)
    Answer.objects.filter(response=story).exclude(signifier_id__in=answers).delete()
    if not story.is_submitted:
        story.submitted_at = timezone.now()
        story.save(update_fields=["submitted_at", "updated_at"])


@approved_only
def delete(request, slug, pk):
    evaluation = evaluation_or_404(slug)
    story = own_story_or_404(request, evaluation, pk)
    if request.method == "POST":
        story.delete()
        messages.success(request, _("Your story and your answers were deleted."))
        return redirect("evaluation:evaluation", slug=evaluation.slug)
    return TemplateResponse(
        request, "evaluation/delete.html", {"evaluation": evaluation, "story": story}
    )
