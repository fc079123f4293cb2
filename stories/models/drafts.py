"""A story a member is telling, kept on the server between the steps of the form.

What they typed is kept as typed (`data`, one entry a field), without checking it is ready,
so nothing is lost on a validation error or when they go back a step. One draft for a new
story, and one for each story of theirs they are changing; it goes once they send it to
the editors, or when they retract the story.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryDraft(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="story_drafts",
    )
    # Empty for a new story; the story being changed otherwise.
    story = models.ForeignKey(
        "stories.StoryPage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drafts",
    )
    data = models.JSONField(_("what they typed"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("story draft")
        verbose_name_plural = _("story drafts")

    def __str__(self):
        return self.data.get("title") or str(_("Untitled story"))
