"""Moderating the forums: reports, approving, hiding and restoring posts, locking, pinning
and moving topics, pausing a member's posting. Every action is in Wagtail's audit log.

Each action is one transaction that locks the row it changes first, so two moderators (or
a moderator and the reports that hold a post) cannot undo each other's work half way. A
topic's count and latest activity are worked out again after a post's status changes
(`Topic.recount`). Emails to the writer or member go once the transaction has committed,
in kind, plain words; a member with private email on gets a neutral subject and no post
text or topic title (the message is on the site, for them to read when they sign in).

The audit log's entries name the moderator who acted, never the members who reported a
post: reports are counted, not attributed.
"""

from datetime import timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from core.emails import absolute_url, send_templated_email

from . import posting
from .models.conversations import Post, Topic
from .models.following import NotificationPreference
from .models.moderation import ForumSettings, PostingPause, Report

#: How long a moderator can pause a member's posting for.
PAUSE_LENGTHS = {
    "day": (timedelta(days=1), _("1 day")),
    "week": (timedelta(weeks=1), _("1 week")),
    "month": (timedelta(days=30), _("1 month")),
}


class AlreadyReported(Exception):
    """The member has reported this post before (one report each, a database constraint)."""


class NotChanged(Exception):
    """The post or topic is no longer in a state this action applies to (another moderator
    got there first, or the writer deleted it): `message` says so."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# Titles in the audit log: no post text, no member's name -------------------------------


def post_title(post):
    return f"Post {post.pk} in “{post.topic.title}”"


def topic_title(topic):
    return f"Topic {topic.pk}: “{topic.title}”"


def pause_title(pause):
    return f"Pause on posting {pause.pk}"


MODERATED_FIELDS = ["status", "moderated_at", "moderated_by", "moderation_message"]


def _locked_post(post):
    return Post.objects.select_for_update().select_related("topic").get(pk=post.pk)


def _refresh(post, current):
    """Copy what the action changed onto the caller's object."""
    for field in ("status", "moderated_at", "moderated_by_id", "moderation_message"):
        setattr(post, field, getattr(current, field))


# Reports -------------------------------------------------------------------------------


def unresolved_reports(post):
    return Report.objects.filter(post=post, resolved_at__isnull=True)


def report(post, reporter, *, reason, detail="", request=None, now=None):
    """`reporter`'s report of `post`; the report. Once `reports_to_hold` different members'
    reports are waiting (the forum settings), a published post is held: folded away for
    everyone until a moderator looks at it.

    Raises AlreadyReported if they reported it before. The post's row is locked while the
    reports are counted, so reports landing together hold it exactly once.
    """
    now = now or timezone.now()
    threshold = ForumSettings.current(request).reports_to_hold or 1
    with transaction.atomic():
        current = _locked_post(post)
        if Report.objects.filter(post=current, reporter=reporter).exists():
            raise AlreadyReported
        try:
            with transaction.atomic():
                made = Report.objects.create(
                    post=current, reporter=reporter, reason=reason, detail=detail, created_at=now
                )
        except IntegrityError:
            raise AlreadyReported from None
        waiting = unresolved_reports(current).count()
        log(
            current,
            "forums.report",
            user=None,  # reports are counted, never attributed
            title=post_title(current),
            data={"reason": reason, "reports": waiting},
        )
        if waiting >= threshold and current.status == Post.Status.PUBLISHED:
            current.status = Post.Status.HELD
            current.save(update_fields=["status"])
            Topic(pk=current.topic_id).recount()
            log(
                current,
                "forums.hold",
                user=None,
                title=post_title(current),
                data={"reports": waiting},
            )
    _refresh(post, current)
    return made


def _resolve_reports(post, moderator, now):
    return unresolved_reports(post).update(resolved_at=now, resolved_by=moderator)


# Posts ---------------------------------------------------------------------------------


def approve(post, moderator, now=None):
    """A post waiting for approval is published: others can read it, and whoever watches
    its topic hears of it."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked_post(post)
        if current.status != Post.Status.PENDING:
            raise NotChanged(_("This post is no longer waiting for approval."))
        current.status = Post.Status.PUBLISHED
        current.moderated_at = now
        current.moderated_by = moderator
        current.save(update_fields=["status", "moderated_at", "moderated_by"])
        Topic(pk=current.topic_id).recount()
        log(current, "forums.approve", user=moderator, title=post_title(current))
        posting.announce(current)
    _refresh(post, current)


def hide(post, moderator, message, now=None):
    """Hide `post` from everyone (it keeps its place, without its text), with the kind
    words its writer is sent and sees beside it. Its reports are closed."""
    now = now or timezone.now()
    hideable = (Post.Status.PUBLISHED, Post.Status.PENDING, Post.Status.HELD)
    with transaction.atomic():
        current = _locked_post(post)
        if current.status not in hideable:
            raise NotChanged(_("This post is already hidden or deleted."))
        was = current.status
        current.status = Post.Status.HIDDEN
        current.moderated_at = now
        current.moderated_by = moderator
        current.moderation_message = message
        current.save(update_fields=MODERATED_FIELDS)
        closed = _resolve_reports(current, moderator, now)
        Topic(pk=current.topic_id).recount()
        log(
            current,
            "forums.hide",
            user=moderator,
            title=post_title(current),
            data={"was": was, "reports_closed": closed, "message": message},
        )
        author = current.author
        transaction.on_commit(lambda: send_post_hidden(current, author))
    _refresh(post, current)


def restore(post, moderator, now=None):
    """A held or hidden post is published again; its reports are closed as needing
    nothing more."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked_post(post)
        if current.status not in (Post.Status.HELD, Post.Status.HIDDEN):
            raise NotChanged(_("This post is not held or hidden, so there is nothing to restore."))
        was = current.status
        closed = _resolve_reports(current, moderator, now)
        current.status = Post.Status.PUBLISHED
        current.moderated_at = now
        current.moderated_by = moderator
        current.moderation_message = ""
        current.save(update_fields=MODERATED_FIELDS)
        Topic(pk=current.topic_id).recount()
        log(
            current,
            "forums.restore",
            user=moderator,
            title=post_title(current),
            data={"was": was, "reports_dismissed": closed},
        )
    _refresh(post, current)


def dismiss_reports(post, moderator, now=None):
    """Close a post's reports as needing nothing more, leaving the post as it is (a
    published post that stays, or one its writer has deleted since)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked_post(post)
        closed = _resolve_reports(current, moderator, now)
        if not closed:
            raise NotChanged(_("This post has no reports waiting."))
        log(
            current,
            "forums.dismiss_reports",
            user=moderator,
            title=post_title(current),
            data={"reports_dismissed": closed, "status": current.status},
        )
    return closed


def reveal_pseudonym(post, moderator):
    """The real name behind the pseudonym `post` was written under (or its shown name);
    that a moderator looked is in the audit log."""
    log(post, "forums.reveal_pseudonym", user=moderator, title=post_title(post))
    if post.author_id is None:
        return str(_("A former member"))
    return post.author.get_full_name() or post.author.email


# Topics --------------------------------------------------------------------------------


def _set_topic_flag(topic, moderator, field, value, action):
    with transaction.atomic():
        changing = Topic.objects.filter(pk=topic.pk).exclude(**{field: value})
        changed = changing.update(**{field: value})
        setattr(topic, field, value)
        if changed:
            log(topic, action, user=moderator, title=topic_title(topic))
    return bool(changed)


def lock(topic, moderator):
    """No new replies, and its posts can no longer be edited (it can still be read)."""
    return _set_topic_flag(topic, moderator, "locked", True, "forums.lock")


def unlock(topic, moderator):
    return _set_topic_flag(topic, moderator, "locked", False, "forums.unlock")


def pin(topic, moderator):
    """First in its board's list, whatever the latest activity."""
    return _set_topic_flag(topic, moderator, "pinned", True, "forums.pin")


def unpin(topic, moderator):
    return _set_topic_flag(topic, moderator, "pinned", False, "forums.unpin")


def move_topic(topic, board, moderator):
    """Move `topic` to `board` (its default language's copy, which holds the topics)."""
    target = board.topic_board()
    with transaction.atomic():
        current = Topic.objects.select_for_update().select_related("board").get(pk=topic.pk)
        if current.board_id == target.pk:
            raise NotChanged(_("The topic is already on that board."))
        before = current.board
        Topic.objects.filter(pk=current.pk).update(board=target)
        topic.board = target
        log(
            topic,
            "forums.move_topic",
            user=moderator,
            title=topic_title(topic),
            data={
                "from": before.title,
                "from_id": before.pk,
                "to": target.title,
                "to_id": target.pk,
            },
        )


# Members -------------------------------------------------------------------------------


def pause(member, moderator, *, length, reason, now=None):
    """Pause `member`'s posting for `length` ("day", "week" or "month"; see PAUSE_LENGTHS)
    from now. They can still read. They are emailed, kindly, with the reason and until
    when."""
    now = now or timezone.now()
    period, _label = PAUSE_LENGTHS[length]
    with transaction.atomic():
        made = PostingPause.objects.create(
            member=member, starts_at=now, ends_at=now + period, reason=reason, paused_by=moderator
        )
        log(
            made,
            "forums.pause",
            user=moderator,
            title=pause_title(made),
            data={"length": length, "until": made.ends_at.isoformat()},
        )
        transaction.on_commit(lambda: send_posting_paused(made))
    member.__dict__.pop("_forum_paused_until", None)
    return made


def lift(pause_on_posting, moderator, now=None):
    """End a pause early: the member can post again at once."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = PostingPause.objects.filter(
            pk=pause_on_posting.pk, lifted_at__isnull=True, ends_at__gt=now
        ).update(lifted_at=now)
        if not changed:
            raise NotChanged(_("This pause has already ended."))
        pause_on_posting.lifted_at = now
        log(
            pause_on_posting,
            "forums.lift_pause",
            user=moderator,
            title=pause_title(pause_on_posting),
        )


# Emails --------------------------------------------------------------------------------


def wants_private_email(member):
    """Has the member asked for private email (no titles, names or post text)? Off until
    they choose it."""
    found = NotificationPreference.objects.filter(member=member).values_list(
        "private_email", flat=True
    )
    return bool(found.first())


def _send(kind, member, context):
    if member is None or not member.email or not member.is_active:
        return False
    return send_templated_email(
        f"forums/emails/{kind}",
        member.email,
        {"first_name": member.first_name, "private": wants_private_email(member), **context},
    )


def post_url(post):
    """A lasting address of the post (its board's `posts/<id>/`): no words of it in it."""
    board = post.topic.board
    return absolute_url(board.sub_url("post", args=[post.pk]))


def send_post_hidden(post, member):
    """Tell the writer their post is hidden, with the moderator's words."""
    return _send(
        "post_hidden",
        member,
        {
            "topic_title": post.topic.title,
            "message": post.moderation_message,
            "post_text": post.body,
            "post_url": post_url(post),
        },
    )


def forums_url():
    """The forums' index page's full address ("" without one). Looked up by name: the
    pages' module imports this one."""
    index = apps.get_model("forums", "ForumIndexPage").objects.live().first()
    return absolute_url(index.url) if index is not None and index.url else ""


def send_posting_paused(pause_on_posting):
    """Tell the member their posting is paused: why, until when, and that they can read."""
    return _send(
        "posting_paused",
        pause_on_posting.member,
        {
            "reason": pause_on_posting.reason,
            "until": timezone.localtime(pause_on_posting.ends_at),
            "forums_url": forums_url(),
        },
    )
