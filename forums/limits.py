"""How often a member may post: a few posts in a short time, more once they are known.

Counted from the posts themselves (any status, so deleting and posting again does not get
round it), so the limit holds across every worker without a shared cache. New members, with
fewer than `KNOWN_AFTER` published posts, have the stricter limits; moderators have none.
When a limit is reached the form comes back with everything typed in it, and a kind message
that says how long to wait and offers to save it for later.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from .models.conversations import Post

#: Published posts after which a member is no longer new to the forums.
KNOWN_AFTER = 10


@dataclass(frozen=True)
class Limit:
    posts: int
    within: timedelta


NEW_MEMBER_LIMITS = (Limit(3, timedelta(minutes=10)), Limit(15, timedelta(days=1)))
MEMBER_LIMITS = (Limit(10, timedelta(minutes=10)), Limit(60, timedelta(days=1)))


def limits_for(user):
    if user.has_perm("core.moderate_forums"):
        return ()
    published = Post.objects.filter(author=user, status=Post.Status.PUBLISHED)
    known = published[:KNOWN_AFTER].count() >= KNOWN_AFTER
    return MEMBER_LIMITS if known else NEW_MEMBER_LIMITS


def wait_before_posting(user, now=None):
    """How long `user` must wait before their next post (a timedelta), or None."""
    now = now or timezone.now()
    longest = None
    for limit in limits_for(user):
        recent = Post.objects.filter(author=user, created_at__gt=now - limit.within)
        times = list(
            recent.order_by("-created_at").values_list("created_at", flat=True)[: limit.posts]
        )
        if len(times) < limit.posts:
            continue
        # The oldest of the last `posts` posts has to leave the window first.
        wait = times[-1] + limit.within - now
        if longest is None or wait > longest:
            longest = wait
    return longest


def wait_message(wait):
    """The kind message for a member who has to wait `wait` before posting again."""
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    if minutes < 120:
        return ngettext(
            "You have posted a lot in a short time. To keep the forums calm for everyone, "
            "please wait %(count)d minute before posting again. What you wrote is still "
            "here: you can save it and post it later.",
            "You have posted a lot in a short time. To keep the forums calm for everyone, "
            "please wait %(count)d minutes before posting again. What you wrote is still "
            "here: you can save it and post it later.",
            minutes,
        ) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext(
        "You have reached today's limit of posts. Please wait about %(count)d hour before "
        "posting again. What you wrote is still here: you can save it and post it later.",
        "You have reached today's limit of posts. Please wait about %(count)d hours before "
        "posting again. What you wrote is still here: you can save it and post it later.",
        hours,
    ) % {"count": hours}
