"""The yearly check that a teller is still happy for their story to be on the site.

One `StoryConsentReview` each time we ask: when we asked, what they answered and when, and
whether the editors were told that no answer came (flagged) and followed it up (resolved).
It is a plain model beside the page, not a page field, so saving revisions, publishing an
old one or translating the story never touches it. The work (who is due, asking,
flagging, answering) is stories.consent_review's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StoryConsentReviewQuerySet(models.QuerySet):
    def open(self):
        """Asked, not answered and not followed up by the editors, about a story that is
        still the teller's to take back (not retracted)."""
        return self.filter(
            answered_at__isnull=True,
            resolved_at__isnull=True,
            story__retracted_at__isnull=True,
        )

    def flagged(self):
        """Open reviews no answer came to in time: the editors' to follow up."""
        return self.open().filter(flagged_at__isnull=False)


class StoryConsentReview(models.Model):
    class Answer(models.TextChoices):
        STILL_CONSENT = "consent", _("Keep it on the site")
        CHANGED = "changed", _("Change it")
        RETRACTED = "retracted", _("Retract it")

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        FLAGGED = "flagged", _("No answer: to follow up")
        ANSWERED = "answered", _("Answered")
        FOLLOWED_UP = "followed_up", _("Followed up by the editors")
        RETRACTED = "retracted", _("Story retracted")

    # The default language's copy; an answer applies to every language.
    story = models.ForeignKey(
        "stories.StoryPage",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="consent_reviews",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teller asked"),
        on_delete=models.CASCADE,
        related_name="story_consent_reviews",
    )
    asked_at = models.DateTimeField(_("asked"))
    consent_version = models.CharField(
        _("consent wording version they had agreed to"), max_length=20, blank=True
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    flagged_at = models.DateTimeField(
        _("flagged for the editors"),
        null=True,
        blank=True,
        help_text=_("Set when no answer came within 30 days. The story stays published."),
    )
    resolved_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editors_note = models.TextField(
        _("editors' note"),
        blank=True,
        help_text=_("For the editors only: how the teller was reached, and what they said."),
    )

    objects = StoryConsentReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("story consent review")
        verbose_name_plural = _("story consent reviews")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            # A second run of the daily command, or two at once, cannot ask twice.
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(answered_at__isnull=True, resolved_at__isnull=True),
                name="one_open_consent_review_per_story",
            )
        ]

    def __str__(self):
        return str(self.story)

    @property
    def is_open(self):
        return self.answered_at is None and self.resolved_at is None

    @property
    def state(self):
        if self.answered_at is not None:
            return self.State.ANSWERED
        if self.resolved_at is not None:
            return self.State.FOLLOWED_UP
        if self.story.retracted_at is not None:
            return self.State.RETRACTED
        return self.State.FLAGGED if self.flagged_at is not None else self.State.WAITING
