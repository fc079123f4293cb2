"""Stories in a member's personal data: their download lists the stories they told, and on
erasure they choose to keep them anonymously or retract them (core.personal_data). And the
emails to a teller as the editors review their story (Wagtail's workflow signals)."""

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.signals import task_rejected, task_submitted, workflow_approved

from core.personal_data import ErasureChoice, chosen, erases, exports, offer_on_erasure

from . import emails
from .models import Attribution, StoryConsentReview, StoryDraft, StoryPage

KEEP_STORIES, RETRACT_STORIES = "keep", "retract"


def story_status(story):
    if story.is_retracted:
        return "retracted"
    return "live" if story.live else "draft"


@exports("stories.StoryPage.teller")
def told_stories(sender, user, **kwargs):
    stories = StoryPage.objects.filter(teller=user).select_related("locale")
    return {
        "stories": [
            {
                "title": story.title,
                "language": story.locale.language_code,
                "kind": story.kind,
                "status": story_status(story),
                "attribution": story.attribution,
                "pseudonym": story.pseudonym,
                "members_only": story.members_only,
                "comments_allowed": story.comments_allowed,
                "consent_version": story.consent_version,
                "consent_given": story.consent_given_at.isoformat()
                if story.consent_given_at
                else None,
                "first_published": story.first_published_at.isoformat()
                if story.first_published_at
                else None,
                "retracted": story.retracted_at.isoformat() if story.retracted_at else None,
            }
            for story in stories.order_by("first_published_at", "pk")
        ]
    }


@exports("stories.StoryDraft.member")
def story_drafts(sender, user, **kwargs):
    """Stories the member has started telling and not yet sent, as they typed them."""
    drafts = StoryDraft.objects.filter(member=user).order_by("pk")
    return {
        "story_drafts": [
            {"story_data": draft.data, "last_saved": draft.updated_at.isoformat()}
            for draft in drafts
        ]
    }


@erases("stories.StoryDraft.member")
def forget_story_drafts(sender, user, **kwargs):
    StoryDraft.objects.filter(member=user).delete()


@exports("stories.StoryConsentReview.member", "stories.StoryConsentReview.resolved_by")
def story_consent_reviews(sender, user, **kwargs):
    """Each time we asked the member whether they still consent, and what they answered;
    and, for an editor, when they followed one up (without whose story it was)."""
    asked = StoryConsentReview.objects.filter(member=user).select_related("story")
    followed_up = StoryConsentReview.objects.filter(resolved_by=user)
    sections = {
        "story_consent_reviews": [
            {
                "story": review.story.title,
                "asked": review.asked_at.isoformat(),
                "answer": review.answer,
                "answered": review.answered_at.isoformat() if review.answered_at else None,
                "flagged_for_editors": review.flagged_at.isoformat()
                if review.flagged_at
                else None,
            }
            for review in asked.order_by("asked_at", "pk")
        ]
    }
    if followed_up.exists():
        sections["story_consent_follow_ups"] = [
            when.isoformat()
            for when in followed_up.order_by("resolved_at").values_list("resolved_at", flat=True)
        ]
    return sections


@erases("stories.StoryConsentReview.member", "stories.StoryConsentReview.resolved_by")
def forget_story_consent_reviews(sender, user, **kwargs):
    """The questions we asked the member go; an editor's follow-ups stay, without them."""
    StoryConsentReview.objects.filter(member=user).delete()
    StoryConsentReview.objects.filter(resolved_by=user).update(resolved_by=None)


offer_on_erasure(
    ErasureChoice(
        name="stories",
        label=_("Your stories"),
        help_text=_(
            "If you keep them, they stay on the site as told by “Anonymous”, with nothing "
            "that leads back to you. If you retract them, they are taken off the site at once."
        ),
        options=(
            (KEEP_STORIES, _("Keep them anonymously")),
            (RETRACT_STORIES, _("Retract them")),
        ),
        applies=lambda user: StoryPage.objects.filter(teller=user).exists(),
    )
)


@erases("stories.StoryPage.teller")
def forget_story_teller(sender, user, choices=None, **kwargs):
    """Every story the member told (in every language) loses its link to them and any
    pseudonym, in the page and in its saved revisions, so publishing an old revision cannot
    bring either back. If they chose to retract them, each is marked retracted and taken
    off the site."""
    retract = chosen(choices, "stories") == RETRACT_STORIES
    now = timezone.now()
    for story in StoryPage.objects.filter(teller=user):
        changes = {"teller": None, "attribution": Attribution.ANONYMOUS, "pseudonym": ""}
        if retract:
            changes["retracted_at"] = now
        StoryPage.objects.filter(pk=story.pk).update(**changes)
        for revision in story.revisions.all():
            revision.content.update(
                teller=None, attribution=Attribution.ANONYMOUS.value, pseudonym=""
            )
            if retract:
                revision.content["retracted_at"] = now.isoformat()
            revision.save(update_fields=["content"])
        if retract and story.live:
            StoryPage.objects.get(pk=story.pk).unpublish()


# Emails to the teller as the editors review their story (stories.workflow) ----------------


def told_story(workflow_state):
    """The story a workflow state is about, if a member told it; else None."""
    story = workflow_state.content_object
    story = getattr(story, "specific", story)
    if isinstance(story, StoryPage) and story.teller_id is not None:
        return story
    return None


@receiver(task_submitted, dispatch_uid="stories_task_submitted")
def story_submitted(sender, instance, user=None, **kwargs):
    story = told_story(instance.workflow_state)
    if story is not None:
        emails.send_story_email(emails.SUBMITTED, story)


@receiver(task_rejected, dispatch_uid="stories_task_rejected")
def story_changes_suggested(sender, instance, user=None, **kwargs):
    story = told_story(instance.workflow_state)
    if story is not None:
        emails.send_story_email(emails.CHANGES, story, comment=instance.get_comment())


@receiver(workflow_approved, dispatch_uid="stories_workflow_approved")
def story_published(sender, instance, user=None, **kwargs):
    story = told_story(instance)
    if story is not None:
        emails.send_story_email(emails.PUBLISHED, StoryPage.objects.get(pk=story.pk))
