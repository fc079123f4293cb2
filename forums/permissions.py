"""Who may do what in the forums: small pure functions every view, form and email asks.

Reading a board is core.access's answer (a board or the forums index may be members only,
or private through Wagtail). Writing needs an approved member (core.access.member_verdict:
pending, declined and suspended members are told where they stand) and an open topic.
Each answer that refuses says why, in words for the person.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core import access

from .models.conversations import Post


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


def may_write(request, board, topic=None):
    """May the person start a topic on `board`, or reply in `topic`?"""
    read = may_read(request, board)
    if not read:
        return read
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return Answer(False, _("Only approved members can post."), standing)
    if topic is not None and topic.locked:
        return Answer(False, _("This topic is locked, so no new replies can be added."))
    return YES


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
    return YES


def may_react(request, post):
    if post.status != Post.Status.PUBLISHED:
        return Answer(False, _("You can only react to published posts."))
    standing = access.member_verdict(request.user)
    if not standing.allowed:
        return Answer(False, _("Only approved members can react to posts."), standing)
    return YES
