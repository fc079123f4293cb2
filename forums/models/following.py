"""What a member keeps up with in the forums, and what they would rather not see: the
topics and boards they watch, how they want to hear (email at once, a daily digest, or
never; private email with neutral subjects and no post text), the notifications waiting for
them, the members they mute, where they have read up to, and replies they saved to post
later.

The work is forums.notifications' (and its tasks); the routes are forums.models.following_routes.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class NotificationPreference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Email me straight away")
        DAILY = "daily", _("Email me once a day, in a digest")
        NEVER = "never", _("Do not email me")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_preference",
    )
    frequency = models.CharField(
        _("forum emails"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    private_email = models.BooleanField(
        _("private email"),
        default=False,
        help_text=_(
            "Emails say only that there is something new, with a link: no topic titles, no "
            "names and no post text, in the subject or the message."
        ),
    )
    # For the one-click unsubscribe link, which works without signing in.
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("forum email preference")


class Watch(models.Model):
    """A member watching one topic (automatic once they post in it) or a whole board."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_watches",
    )
    topic = models.ForeignKey(
        "forums.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    board = models.ForeignKey(
        "forums.BoardPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="watches",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("watched topic or board")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, board__isnull=True)
                | Q(topic__isnull=True, board__isnull=False),
                name="forums_watch_topic_or_board",
            ),
            models.UniqueConstraint(
                fields=["member", "topic"],
                condition=Q(topic__isnull=False),
                name="forums_watch_topic_once",
            ),
            models.UniqueConstraint(
                fields=["member", "board"],
                condition=Q(board__isnull=False),
                name="forums_watch_board_once",
            ),
        ]


class Notification(models.Model):
    """Something new for a member: a post in what they watch, or one that mentions them.
    One per member and post; emailed once (straight away or in a digest)."""

    class Reason(models.TextChoices):
        REPLY = "reply", _("a new reply in a topic you watch")
        MENTION = "mention", _("someone mentioned you")
        BOARD = "board", _("a new topic on a board you watch")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_notifications",
    )
    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="notifications")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forum notification")
        constraints = [
            models.UniqueConstraint(fields=["member", "post"], name="forums_notify_once")
        ]
        indexes = [models.Index(fields=["member", "emailed_at"])]


class DigestSent(models.Model):
    """A member's daily digest for one day was sent: the task may run twice, the member
    gets one (a database constraint)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_digests"
    )
    period = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="forums_one_digest_a_day")
        ]


class Mute(models.Model):
    """`member` would rather not see `muted`'s posts (they are folded for them) and gets no
    notifications from them. `muted` is never told.

    A mute is of the writer as they appeared: under their name, or under their pseudonym
    (`as_pseudonym`). Muting one never folds the other, which would tell whose the
    pseudonym is."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_mutes",
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("muted member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    as_pseudonym = models.BooleanField(_("under their pseudonym"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("muted member")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "muted", "as_pseudonym"], name="forums_mute_once"
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("muted")), name="forums_no_self_mute"
            ),
        ]


class TopicVisit(models.Model):
    """When a member last read a topic: newer activity shows as unread."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_visits"
    )
    topic = models.ForeignKey("forums.Topic", on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "topic"], name="forums_visit_once")
        ]


class Draft(models.Model):
    """A topic or reply a member saved to post later (one per member and topic, or per
    member and board for a new topic)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_drafts",
    )
    board = models.ForeignKey("forums.BoardPage", on_delete=models.CASCADE, related_name="drafts")
    topic = models.ForeignKey(
        "forums.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="drafts"
    )
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    content_note = models.CharField(max_length=300, blank=True)
    in_reply_to = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved draft")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "topic"],
                condition=Q(topic__isnull=False),
                name="forums_draft_reply_once",
            ),
            models.UniqueConstraint(
                fields=["member", "board"],
                condition=Q(topic__isnull=True),
                name="forums_draft_topic_once",
            ),
        ]
