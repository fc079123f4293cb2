"""Keeping the forums safe: members' reports, moderators' kind messages, pauses on a
member's posting, and the forums' site settings (how many reports hold a post for review,
how many first posts wait for approval, which board holds "Discuss this" topics).

The work of moderating is forums.moderation's; the queue is in the Wagtail admin
(forums.admin_moderation), for people with the `core.moderate_forums` permission.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from core.models import CurrentSiteSetting


@register_setting(icon="group")
class ForumSettings(CurrentSiteSetting):
    reports_to_hold = models.PositiveSmallIntegerField(
        _("reports that hold a post for review"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "When this many different members report a post, it is folded away for everyone "
            "until a moderator looks at it."
        ),
    )
    posts_needing_approval = models.PositiveSmallIntegerField(
        _("first posts that wait for approval"),
        default=2,
        validators=[MaxValueValidator(50)],
        help_text=_(
            "A new member's first posts wait for a moderator before others can read them. "
            "0 means every member's posts appear straight away."
        ),
    )
    discussion_board = models.ForeignKey(
        "forums.BoardPage",
        verbose_name=_("board for discussions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where 'Discuss this' on a resource or webinar starts its topic. Leave empty "
            "to turn 'Discuss this' off."
        ),
    )

    # "Discuss this" on every resource and webinar page needs the board: fetched with these.
    select_related = ["discussion_board"]

    panels = [
        FieldPanel("reports_to_hold"),
        FieldPanel("posts_needing_approval"),
        FieldPanel("discussion_board"),
    ]

    class Meta:
        verbose_name = _("forum settings")


class Report(models.Model):
    """One member's report of one post (one per member and post: a database constraint)."""

    class Reason(models.TextChoices):
        UNKIND = "unkind", _("It is unkind, hostile or discriminatory")
        PERSONAL = "personal", _("It shares someone's personal details or story without consent")
        RISK = "risk", _("Someone may be at risk of harm")
        NOTE = "note", _("It needs a content note")
        SPAM = "spam", _("It is advertising or spam")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(
        "forums.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    # Empty once the reporter's account is erased: the report still counts.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_reports",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    detail = models.TextField(_("more detail"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], name="forums_one_report_per_member_and_post"
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "post"])]


class ModerationMessage(models.Model):
    """A kind message a moderator can start from when hiding a post (editable in the admin,
    as a snippet), for example "Sharing someone else's story"."""

    title = models.CharField(_("title"), max_length=100)
    message = models.TextField(
        _("message to the writer"),
        max_length=2000,
        help_text=_(
            "Sent to the writer when their post is hidden. Say what happened and why, "
            "kindly, and what they can do next."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("message")]

    class Meta:
        verbose_name = _("moderation message")
        verbose_name_plural = _("moderation messages")
        ordering = ["title"]

    def __str__(self):
        return self.title


class PostingPauseQuerySet(models.QuerySet):
    def in_force(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now, lifted_at__isnull=True)


class PostingPause(models.Model):
    """A moderator's pause on a member's posting for a period: they can still read."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_pauses",
    )
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    reason = models.TextField(_("reason given to the member"), max_length=2000, blank=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    objects = PostingPauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("pause on posting")
        verbose_name_plural = _("pauses on posting")
        ordering = ["-starts_at", "-pk"]
