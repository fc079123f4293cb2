"""The forums' part of a member's data download and erasure, and what follows a discussed
page's deletion or a teller stopping comments on their story (forums.discussions)."""

from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.personal_data import ErasureChoice, chosen, erases, exports, offer_on_erasure
from stories.signals import choices_changed as story_choices_changed
from stories.signals import deleting_retracted as deleting_retracted_story

from . import discussions, posting, watching
from .models import (
    Draft,
    ForumIdentity,
    Post,
    PostingPause,
    PostRevision,
    Reaction,
    Report,
    Topic,
    TopicVisit,
)
from .models.following import DigestSent, Mute, Notification, NotificationPreference, Watch


@exports("forums.Post.author")
def forum_posts(sender, user, **kwargs):
    posts = Post.objects.filter(author=user).select_related("topic").order_by("created_at")
    return {
        "forum_posts": [
            {
                "topic": post.topic.title,
                "posted": post.created_at.isoformat(),
                "edited": post.edited_at.isoformat() if post.edited_at else None,
                "status": post.status,
                "under_pseudonym": post.as_pseudonym,
                "content_note": post.content_note,
                "text": post.body,
                "earlier_versions": [
                    {"replaced": revision.replaced_at.isoformat(), "text": revision.body}
                    for revision in post.revisions.all()
                ],
            }
            for post in posts.prefetch_related("revisions")
        ]
    }


@exports("forums.Reaction.member")
def forum_reactions(sender, user, **kwargs):
    rows = Reaction.objects.filter(member=user).select_related("post__topic")
    return {
        "forum_reactions": [
            {
                "topic": row.post.topic.title,
                "reaction": row.kind,
                "when": row.created_at.isoformat(),
            }
            for row in rows
        ]
    }


@exports("forums.ForumIdentity.member")
def forum_pseudonym(sender, user, **kwargs):
    identity = ForumIdentity.objects.filter(member=user).first()
    return {"forum_pseudonym": identity.pseudonym} if identity else {}


KEEP_POSTS, REMOVE_POSTS = "keep", "remove"

offer_on_erasure(
    ErasureChoice(
        name="forum_posts",
        label=_("Your forum posts"),
        help_text=_(
            "If you remove them, each reply keeps its place marked “deleted by its writer”, "
            "without its text, and topics you started that nobody answered go altogether."
        ),
        options=(
            (KEEP_POSTS, _("Keep them, shown as by “A former member”")),
            (REMOVE_POSTS, _("Remove them")),
        ),
        applies=lambda user: Post.objects.filter(author=user).exists(),
    )
)


@erases("forums.Post.author", "forums.Reaction.member", "forums.ForumIdentity.member")
def forget_forum_member(sender, user, choices=None, **kwargs):
    """Posts stay, by "a former member", with nothing that leads back to the writer: the
    link to the account goes, and with the pseudonym gone nobody can trace one to them.
    Earlier versions of their posts go too. Reactions are removed. If the member chose to
    remove their posts, their text goes as well (posting.remove_all_by)."""
    if chosen(choices, "forum_posts") == REMOVE_POSTS:
        posting.remove_all_by(user)
    posts = Post.objects.filter(author=user)
    PostRevision.objects.filter(post__in=posts).delete()
    posts.update(author=None, as_pseudonym=False)
    Reaction.objects.filter(member=user).delete()
    ForumIdentity.objects.filter(member=user).delete()


@exports("forums.Draft.member")
def forum_drafts(sender, user, **kwargs):
    drafts = Draft.objects.filter(member=user).select_related("topic").order_by("updated_at")
    return {
        "forum_drafts": [
            {
                "topic": draft.topic.title if draft.topic_id else None,
                "title": draft.title,
                "text": draft.body,
                "content_note": draft.content_note,
                "saved": draft.updated_at.isoformat(),
            }
            for draft in drafts
        ]
    }


@exports("forums.TopicVisit.member")
def forum_reading(sender, user, **kwargs):
    visits = TopicVisit.objects.filter(member=user).select_related("topic")
    return {
        "forum_topics_read": [
            {"topic": visit.topic.title, "last_read": visit.seen_at.isoformat()}
            for visit in visits.order_by("seen_at")
        ]
    }


@erases("forums.Draft.member", "forums.TopicVisit.member")
def forget_forum_reading(sender, user, **kwargs):
    Draft.objects.filter(member=user).delete()
    TopicVisit.objects.filter(member=user).delete()


@receiver(pre_delete, sender=Page, dispatch_uid="forums_discussed_page_deleted")
def discussed_page_deleted(sender, instance, **kwargs):
    """A discussed page that was members only is going: its topic stays members only."""
    discussions.keep_closed(instance)


@receiver(story_choices_changed, dispatch_uid="forums_story_choices_changed")
def story_choices_changed_handler(sender, story, **kwargs):
    """A teller who no longer allows comments: their story's discussion takes no new replies
    (what members wrote stays theirs, and readable; a moderator may reopen it)."""
    if not story.comments_allowed:
        discussions.close_discussion(story)


@receiver(deleting_retracted_story, dispatch_uid="forums_retracted_story_deleted")
def retracted_story_deleted(sender, story, **kwargs):
    """A retracted story is deleted when its keeping time is up: so is the discussion about
    it, whose posts may quote it (stories.retention)."""
    Topic.objects.filter(about_page_id=story.pk).delete()


# Moderation: reports, pauses, and what moderators decided --------------------------------


@exports("forums.Report.reporter")
def forum_reports(sender, user, **kwargs):
    """The member's own reports: which topic, why, when, and whether a moderator has
    looked (never the post's text or writer: those are someone else's)."""
    rows = Report.objects.filter(reporter=user).select_related("post__topic")
    return {
        "forum_reports": [
            {
                "topic": row.post.topic.title,
                "reason": row.reason,
                "detail": row.detail,
                "when": row.created_at.isoformat(),
                "reviewed": row.resolved_at.isoformat() if row.resolved_at else None,
            }
            for row in rows
        ]
    }


@exports("forums.PostingPause.member")
def forum_posting_pauses(sender, user, **kwargs):
    rows = PostingPause.objects.filter(member=user).order_by("starts_at")
    return {
        "forum_posting_pauses": [
            {
                "from": row.starts_at.isoformat(),
                "until": row.ends_at.isoformat(),
                "lifted": row.lifted_at.isoformat() if row.lifted_at else None,
                "reason": row.reason,
            }
            for row in rows
        ]
    }


@exports("forums.Report.resolved_by", "forums.Post.moderated_by", "forums.PostingPause.paused_by")
def forum_moderation_done(sender, user, **kwargs):
    """A moderator's decisions: what and when, without the members they were about."""
    reviewed = Report.objects.filter(resolved_by=user).values_list("resolved_at", flat=True)
    moderated = Post.objects.filter(moderated_by=user).select_related("topic")
    paused = PostingPause.objects.filter(paused_by=user).values_list("starts_at", "ends_at")
    if not (reviewed or moderated or paused):
        return {}
    return {
        "forum_moderation": {
            "reports_reviewed": [when.isoformat() for when in reviewed],
            "posts_moderated": [
                {
                    "topic": post.topic.title,
                    "status": post.status,
                    "when": post.moderated_at.isoformat() if post.moderated_at else None,
                }
                for post in moderated
            ],
            "posting_paused": [
                {"from": start.isoformat(), "until": end.isoformat()} for start, end in paused
            ],
        }
    }


@erases("forums.Report.reporter")
def unlink_forum_reports(sender, user, **kwargs):
    """Reports stay, so they still count towards holding a post, without who made them."""
    Report.objects.filter(reporter=user).update(reporter=None)


@erases("forums.PostingPause.member")
def forget_forum_pauses(sender, user, **kwargs):
    PostingPause.objects.filter(member=user).delete()


@erases("forums.Report.resolved_by", "forums.Post.moderated_by", "forums.PostingPause.paused_by")
def unlink_forum_moderator(sender, user, **kwargs):
    """The decisions stay (a post stays hidden, a pause lasts); who made them is forgotten.
    The account row is kept, anonymised, so the links are emptied here rather than by the
    foreign keys' SET_NULL."""
    Report.objects.filter(resolved_by=user).update(resolved_by=None)
    Post.objects.filter(moderated_by=user).update(moderated_by=None)
    PostingPause.objects.filter(paused_by=user).update(paused_by=None)


# Forum emails, watching and muting -------------------------------------------------------


@exports("forums.NotificationPreference.member")
def forum_email_settings(sender, user, **kwargs):
    preference = NotificationPreference.objects.filter(member=user).first()
    if preference is None:
        return {}
    return {
        "forum_email_settings": {
            "frequency": preference.frequency,
            "private_email": preference.private_email,
        }
    }


@exports("forums.Watch.member")
def forum_watches(sender, user, **kwargs):
    watches = (
        Watch.objects.filter(member=user)
        .select_related("topic", "board")
        .order_by("created_at", "pk")
    )
    return {
        "forum_watching": [
            {
                "topic": watch.topic.title if watch.topic_id else None,
                "board": watch.board.title if watch.board_id else None,
                "since": watch.created_at.isoformat(),
            }
            for watch in watches
        ]
    }


@exports("forums.Notification.member")
def forum_notifications(sender, user, **kwargs):
    """What the member was told about: the reason and the topic, not the writer (who may
    have written under a pseudonym)."""
    rows = (
        Notification.objects.filter(member=user)
        .select_related("post__topic")
        .order_by("created_at", "pk")
    )
    return {
        "forum_notifications": [
            {
                "reason": row.reason,
                "topic": row.post.topic.title,
                "when": row.created_at.isoformat(),
                "emailed": row.emailed_at.isoformat() if row.emailed_at else None,
                "read": row.read_at.isoformat() if row.read_at else None,
            }
            for row in rows
        ]
    }


@exports("forums.DigestSent.member")
def forum_digests(sender, user, **kwargs):
    days = DigestSent.objects.filter(member=user).order_by("period")
    days = days.values_list("period", flat=True)
    return {"forum_digests_sent": [day.isoformat() for day in days]}


@exports("forums.Mute.member", "forums.Mute.muted")
def forum_mutes(sender, user, **kwargs):
    """Whom the member muted, by the name they see the writer post under (a pseudonym stays
    one). Deliberately nothing about who muted the member: they are never told."""
    mutes = Mute.objects.filter(member=user).select_related("muted__forum_identity")
    mutes = list(mutes.order_by("created_at", "pk"))
    names = watching.muted_names(mutes)
    return {
        "forum_muted_writers": [
            {"writer": str(names[mute.pk]), "since": mute.created_at.isoformat()} for mute in mutes
        ]
    }


@erases(
    "forums.NotificationPreference.member",
    "forums.Watch.member",
    "forums.Notification.member",
    "forums.DigestSent.member",
    "forums.Mute.member",
    "forums.Mute.muted",
)
def forget_forum_following(sender, user, **kwargs):
    """Their email settings, watches, notifications, digests and mutes go, and so does
    every mute of them (a former member's posts are by "a former member", muted by none)."""
    NotificationPreference.objects.filter(member=user).delete()
    Watch.objects.filter(member=user).delete()
    Notification.objects.filter(member=user).delete()
    DigestSent.objects.filter(member=user).delete()
    Mute.objects.filter(Q(member=user) | Q(muted=user)).delete()
