"""Who hears about a post: the notifications a newly readable post makes, and the check
that each one still holds when its email is about to go.

A member hears about a post only while all of this is true: it is published; they are an
approved, active member with an email address; they may read its board and topic now
(core.access, asked with a request made for them, as if they opened the page); they did
not write it; they have not muted its writer. Readability is asked again at send time,
because a post can be hidden, a board closed or a writer muted between the two.
"""

import re
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.test import RequestFactory

from core import access

from . import markdown, permissions, posting
from .models.conversations import ForumIdentity, Post
from .models.following import Mute, Notification, NotificationPreference, Watch
from .watching import face_of

#: More @mentions than this in one post are not looked up (a list of names is not a message).
MAX_MENTIONS = 20


def request_as(member):
    """A GET request made by `member` with an empty session, for core.access to judge what
    they may open (it passes no shared password, as they have not typed one)."""
    request = RequestFactory().get("/")
    request.user = member if member is not None else AnonymousUser()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    return request


def is_muted(member_id, post):
    """Did the member mute the writer of `post`, as the post shows them?"""
    writer_id, pseudonymous = face_of(post)
    if writer_id is None:
        return False
    return Mute.objects.filter(
        member_id=member_id, muted_id=writer_id, as_pseudonym=pseudonymous
    ).exists()


def should_hear(member, post, request=None):
    """May `member` be told about `post` now? `request`: one made for them (`request_as`),
    to reuse for several posts."""
    if post.status != Post.Status.PUBLISHED or member.pk == post.author_id:
        return False
    if not member.is_active or not member.email:
        return False
    if not access.member_verdict(member).allowed:
        return False
    request = request or request_as(member)
    topic = post.topic
    if not permissions.may_read_topic(request, topic.board, topic):
        return False
    return not is_muted(member.pk, post)


def folded_name(text):
    """A name as a handle writes it: no spaces, dots, hyphens or underscores, any case
    ("Sam Rivers", "@SamRivers", "@sam.rivers" and "@Sam_Rivers" are the same)."""
    return re.sub(r"[\s._-]+", "", text).casefold()


def mentioned_member_ids(post):
    """Members @mentioned in `post`, whatever the case: by pseudonym, or by the name (written
    without spaces) of someone who has written in the same topic under their name. Names are
    not unique, so a name only finds the people taking part in the conversation."""
    handles = markdown.mentions(post.body)[:MAX_MENTIONS]
    if not handles:
        return []
    named = Q()
    for handle in handles:
        named |= Q(pseudonym__iexact=handle)
    found = set(ForumIdentity.objects.filter(named).values_list("member_id", flat=True))
    wanted = {folded_name(handle) for handle in handles}
    taking_part = (
        Post.objects.filter(topic_id=post.topic_id, status=Post.Status.PUBLISHED)
        .filter(as_pseudonym=False, author__isnull=False)
        .values_list("author_id", "author__first_name", "author__last_name")
        .distinct()
    )
    for member_id, first, last in taking_part:
        if folded_name(f"{first}{last}") in wanted:
            found.add(member_id)
    return list(found)


def candidates(post):
    """{member id: reason} for everyone who might hear about `post`, before the checks: a
    mention outranks a watched topic, which outranks a watched board."""
    reasons = {}
    if posting.is_opening(post):
        for member_id in Watch.objects.filter(board_id=post.topic.board_id).values_list(
            "member_id", flat=True
        ):
            reasons[member_id] = Notification.Reason.BOARD
    for member_id in Watch.objects.filter(topic_id=post.topic_id).values_list(
        "member_id", flat=True
    ):
        reasons[member_id] = Notification.Reason.REPLY
    for member_id in mentioned_member_ids(post):
        reasons[member_id] = Notification.Reason.MENTION
    reasons.pop(post.author_id, None)
    return reasons


def notify_about(post_id):
    """Make the notifications for the post with `post_id` (once each: a second run, or a
    post approved again, adds none); return the ids of those to email straight away."""
    post = (
        Post.objects.filter(pk=post_id, status=Post.Status.PUBLISHED)
        .select_related("topic__board", "author__forum_identity")
        .first()
    )
    if post is None:
        return []
    reasons = candidates(post)
    if not reasons:
        return []
    muters = set(
        Mute.objects.filter(
            muted_id=post.author_id,
            as_pseudonym=face_of(post)[1],
            member_id__in=reasons,
        ).values_list("member_id", flat=True)
    )
    members = get_user_model().objects.filter(pk__in=set(reasons) - muters, is_active=True)
    hearing = [
        member for member in members.select_related("member_profile") if should_hear(member, post)
    ]
    Notification.objects.bulk_create(
        [Notification(member=member, post=post, reason=reasons[member.pk]) for member in hearing],
        ignore_conflicts=True,
    )
    waiting = Notification.objects.filter(
        post=post, member__in=hearing, emailed_at__isnull=True
    ).exclude(
        member__forum_preference__frequency__in=[
            NotificationPreference.Frequency.DAILY,
            NotificationPreference.Frequency.NEVER,
        ]
    )
    return list(waiting.values_list("pk", flat=True))


def preference_of(member):
    """The member's email preference, made with the defaults on first use (safe against
    two at once: get_or_create)."""
    preference, _created = NotificationPreference.objects.get_or_create(member=member)
    return preference
