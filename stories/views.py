"""A member's own stories ("Your stories", /my-stories/): telling one, step by step,
changing it, and retracting it. Approved members only; anyone else gets core.access's
answer (sign in, or why not). Someone else's story is not found."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import access

from . import consent_review, telling
from .models import StoryPage

approved_only = access.approved_members_only


def own_story(request, pk):
    return get_object_or_404(StoryPage, pk=pk, teller=request.user, retracted_at__isnull=True)


@approved_only
def my_stories(request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    stories = []
    for story in telling.own_stories(request.user):
        status, comment = telling.status_of(story)
        stories.append(
            {
                "story": story,
                "status": status,
                "status_label": telling.STATUS_LABELS[status],
                "comment": comment,
            }
        )
    return TemplateResponse(
        request,
        "stories/my_stories.html",
        {
            "stories": stories,
            "started": telling.find_draft(request.user),
            "retraction_keeps": telling.RETRACTION_KEEPS,
            "consent_questions": consent_review.stories_with_open_review(request.user),
        },
    )


@approved_only
def tell(request, step="story"):
    return _step(request, None, step)


@approved_only
def change(request, pk, step="story"):
    return _step(request, own_story(request, pk), step)


def _step_url(story, slug):
    if story is None:
        return reverse("stories:tell", args=[slug])
    return reverse("stories:change", args=[story.pk, slug])


def _step(request, story, slug):
    if slug not in telling.STEP_SLUGS:
        return redirect(_step_url(story, telling.STEP_SLUGS[0]))
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    number = telling.STEP_SLUGS.index(slug)
    draft = telling.draft_for(request.user, story)
    form = telling.initial(slug, draft.data)
    if request.method == "POST" and request.POST.get("action") == "start-again":
        telling.start_again(draft)
        messages.info(request, _("Your changes have been set aside: this is the latest version."))
        return redirect(_step_url(story, telling.STEP_SLUGS[0]))
    if request.method == "POST":
        telling.keep(draft, slug, request.POST)
        if request.POST.get("action") == "back":
            if number == 0:
                return redirect("stories:mine")
            return redirect(_step_url(story, telling.STEP_SLUGS[number - 1]))
        form = telling.bound(slug, draft.data)
        if form.is_valid():
            if number + 1 < len(telling.STEP_SLUGS):
                return redirect(_step_url(story, telling.STEP_SLUGS[number + 1]))
            missing = telling.first_incomplete_step(draft.data)
            if missing is not None:
                messages.error(request, _("Something is missing. Please check this step."))
                return redirect(_step_url(story, missing))
            telling.send(draft, request.user)
            messages.success(
                request,
                _(
                    "Thank you. Your story is with the editors; we will email you when "
                    "they have read it."
                ),
            )
            return redirect("stories:mine")
    return TemplateResponse(
        request,
        "stories/tell.html",
        {
            "form": form,
            "story": story,
            "slug": slug,
            "heading": telling.STEPS[number][1],
            "number": number + 1,
            "total": len(telling.STEPS),
            "last": number + 1 == len(telling.STEPS),
            "consent_text": telling.CONSENT_TEXT,
            "consent_version": telling.CONSENT_VERSION,
            "action_url": _step_url(story, slug),
            "editors_changed": telling.editors_changed_since(draft),
        },
        status=400 if request.method == "POST" else 200,
    )


@approved_only
def choices(request, pk):
    """Who may read the story, how the teller is named, and comments: changed at once."""
    story = own_story(request, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        form = telling.ReadersStep(request.POST)
        if form.is_valid():
            telling.change_choices(story, request.user, form.cleaned_data)
            messages.success(request, _("Thank you. Your choices are saved and apply now."))
            return redirect("stories:mine")
    else:
        form = telling.ReadersStep(initial=telling.choices_of(story))
    return TemplateResponse(
        request,
        "stories/choices.html",
        {"form": form, "story": story},
        status=400 if request.method == "POST" else 200,
    )


@approved_only
def retract(request, pk):
    story = own_story(request, pk)
    if request.method == "POST":
        telling.retract(story, request.user)
        messages.success(request, _("Your story has been retracted. It is no longer on the site."))
        return redirect("stories:mine")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return TemplateResponse(
        request,
        "stories/retract.html",
        {"story": story, "retraction_keeps": telling.RETRACTION_KEEPS},
    )


@approved_only
def consent(request, pk):
    """The yearly question (stories.consent_review): is the teller still happy for their
    story to be on the site? They keep it, change it or retract it."""
    story = own_story(request, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        form = consent_review.AnswerForm(request.POST)
        if form.is_valid():
            return _answered(request, story, form.cleaned_data["answer"])
    else:
        form = consent_review.AnswerForm()
    return TemplateResponse(
        request,
        "stories/consent.html",
        {
            "form": form,
            "story": story,
            "consent_text": telling.CONSENT_TEXT,
            "consent_version": story.consent_version,
            "consent_given_at": story.consent_given_at,
            "retraction_keeps": telling.RETRACTION_KEEPS,
        },
        status=400 if request.method == "POST" else 200,
    )


def _answered(request, story, answer):
    if answer == consent_review.Answer.STILL_CONSENT:
        consent_review.keep(story, request.user)
        messages.success(
            request,
            _("Thank you. Your story stays on the site, and we will not ask again for a year."),
        )
        return redirect("stories:mine")
    if answer == consent_review.Answer.CHANGED:
        consent_review.change(story, request.user)
        messages.info(
            request,
            _("Your story stays on the site as it is until the editors have read your changes."),
        )
        return redirect("stories:change", story.pk, telling.STEP_SLUGS[0])
    consent_review.retract(story, request.user)
    messages.success(request, _("Your story has been retracted. It is no longer on the site."))
    return redirect("stories:mine")
