"""Who may do what in the forums: small pure functions every view, form and email asks.

Reading a board is core.access's answer (a board or the forums index may be members only,
or private through Wagtail). Writing needs an approved member (core.access.member_verdict:
pending, declined and suspended members are told where they stand) and an open topic.
Each answer that refuses says why, in words for the person.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core import access

from .models.conversations import Post
from .models.moderation import PostingPause


@dataclass(frozen=True)
class Answer:
    allowed: bool
    reason: str = ""
    verdict: access.Verdict = access.Verdict.ALLOWED

    def __bool__(self):
        return self.allowed


YES = Answer(True)


def may_read(request, board):
    verdict = access.page_verdict(request, board)
    return YES if verdict.allowed else Answer(False, "", verdict)


def may_read_topic(request, board, topic):
    """May the person read `topic` on `board`? The stricter of the board's answer, the
    topic's own members-only mark (approved members), and the page a "Discuss this" topic
    discusses (`about_page`: unpublished, expired, members only or private pages close
    their topic too; select it with the topic). Listings ask forums.discussions.readable,
    which answers the same by tree path."""
    verdicts = {access.page_verdict(request, board)}
    if topic.members_only:
        verdicts.add(access.member_verdict(request.user))
    if topic.about_page_id is not None:
        verdicts.add(access.page_verdict(request, topic.about_page))
    verdict = access.strictest(verdicts)
    return YES if verdict.allowed else Answer(False, "", verdict)


def may_write(request, board, topic=None):
    """May the person start a topic on `board`, or reply in `topic`?"""
    read = may_read(request, board)
    if not read:
        return read
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return Answer(False, _("Only approved members can post."), standing)
    paused = paused_until(request.user)
    if paused is not None:
        return Answer(False, paused_reason(paused))
    if topic is not None and topic.locked:
        return Answer(False, _("This topic is locked, so no new replies can be added."))
    return YES


def paused_until(user):
    """When a moderator's pause on the member's posting ends, or None (worked out once a
    request: a page asks for every post on it)."""
    if not user.is_authenticated:
        return None
    if "_forum_paused_until" not in user.__dict__:
        ends = PostingPause.objects.in_force().filter(member=user).order_by("-ends_at")
        user.__dict__["_forum_paused_until"] = ends.values_list("ends_at", flat=True).first()
    return user.__dict__["_forum_paused_until"]


def paused_reason(until):
    return _(
        "A moderator has paused your posting until %(when)s. You can still read the "
        "forums. We have emailed you to say why."
    ) % {"when": formats.date_format(until, "j F Y, H:i")}


def is_writer(user, post):
    return bool(user.is_authenticated and post.author_id == user.pk)


def may_change(request, post):
    """May the person edit or delete `post`? Only its writer, while it is theirs to change."""
    if not is_writer(request.user, post):
        return Answer(False, _("You can only change your own posts."))
    if post.status not in (Post.Status.PUBLISHED, Post.Status.PENDING):
        return Answer(False, _("This post can no longer be changed."))
    if post.topic.locked:
        return Answer(False, _("This topic is locked, so its posts can no longer be changed."))
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return Answer(False, _("Only approved members can change posts."), standing)
    paused = paused_until(request.user)
    if paused is not None:
        return Answer(False, paused_reason(paused))
    return YES


def may_react(request, post):
    if post.status != Post.Status.PUBLISHED:
        return Answer(False, _("You can only react to published posts."))
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return Answer(False, _("Only approved members can react to posts."), standing)
    return YES
