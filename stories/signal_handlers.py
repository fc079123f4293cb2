"""Stories in a member's personal data: their download lists the stories they told, and on
erasure they choose to keep them anonymously or retract them (core.personal_data)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.personal_data import ErasureChoice, chosen, erases, exports, offer_on_erasure

from .models import Attribution, StoryPage

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
