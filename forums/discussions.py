"""“Discuss this”: one forum topic about a resource, webinar or story page, on the board editors
choose (ForumSettings.discussion_board), and who may read such a topic.

A topic about a page is as closed as the stricter of its board and that page: a public board
does not open a members-only resource's discussion, and an unpublished or expired webinar's
discussion is hidden with it. When the page is deleted while members only, the topic is
marked members only (`Topic.members_only`) so it never becomes public. One topic per page (a
database constraint decides a race); a page is discussed through its default-language copy,
so the Welsh and English pages share their discussion.

`forums.permissions.may_read_topic` answers for one topic; `readable` answers for a listing,
in the listing's own query (by tree path, through core.access's closed areas: no query per
topic); `offer` says what a page shows under "Discuss this", and `start` starts the topic.
"""

from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wagtail.models import Locale

from core import access
from resources.models import ResourcePage
from stories.models import StoryPage
from webinars.models import WebinarPage

from . import permissions, posting
from .models.conversations import Post, Topic
from .models.moderation import ForumSettings

#: The page types that offer "Discuss this".
DISCUSSABLE = (ResourcePage, WebinarPage, StoryPage)


def discussable(page):
    """May `page` be discussed? A page of a DISCUSSABLE type; a story only while its teller
    allows comments and has not retracted it."""
    if not isinstance(page, DISCUSSABLE):
        return False
    if isinstance(page, StoryPage):
        return page.comments_allowed and not page.is_retracted
    return True


# Who may read a topic about a page ------------------------------------------------------


def readable(request, topics):
    """`topics` without those the person may not read because of what they discuss, in the
    same query whatever their number (the board's own answer is asked separately).

    The same rules as `permissions.may_read_topic`, by tree path: the page must be live now,
    outside any members-only area the person may not enter and any Wagtail privacy they have
    not passed. People who may edit the page see its topic while it is a draft or members
    only, as they see the page; Wagtail privacy holds for them too.
    """
    user = request.user
    approved = access.is_approved_member(user)
    areas = access.closed_areas(request)
    now = timezone.now()
    page_closed = Q(about_page__live=False) | Q(about_page__expire_at__lte=now)
    if not approved:
        for path in areas.members:
            page_closed |= Q(about_page__path__startswith=path)
    editable = access.editable_paths(user)
    if editable:
        editors_see = Q()
        for path in editable:
            editors_see |= Q(about_page__path__startswith=path)
        page_closed &= ~editors_see
    for path, rule in areas.restricted:
        if not rule.accept_request(request):
            page_closed |= Q(about_page__path__startswith=path)
    hidden = Q(about_page__isnull=False) & page_closed
    if not approved:
        hidden |= Q(members_only=True)
    return topics.exclude(hidden)


def close_discussion(page):
    """Lock the topic about `page` (any language copy), if there is one."""
    Topic.objects.filter(about_page__translation_key=page.translation_key).update(locked=True)


# What a page shows ----------------------------------------------------------------------


def source_copy(page):
    """The copy of `page` a discussion is about: the default language's, when there is one."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def topic_about(page, user):
    """The topic about `page` (any of its language copies) with its board and whether the
    person may read its posts (`readable`), in one query; None if there is none."""
    readable_post = Post.objects.visible_to(user).filter(topic=OuterRef("pk"))
    return (
        Topic.objects.filter(about_page__translation_key=page.translation_key)
        .select_related("board", "about_page")
        .annotate(has_readable_post=Exists(readable_post))
        .first()
    )


def offer(request, page):
    """What "Discuss this" shows on `page` for the person, as a template's context; empty
    when nothing is shown (no board chosen, a page of another type, a board they may not
    read). Two queries: the board, and the topic with its counts."""
    if request is None or not discussable(page):
        return {}
    settings = ForumSettings.current(request)
    if settings.discussion_board_id is None:
        return {}
    board = settings.discussion_board
    if board is None or not permissions.may_read(request, board):
        return {}
    user = request.user
    # Standing alone (a pause on posting is said on the form, when it matters).
    standing = access.member_verdict(user)
    context = {
        "shown": True,
        "may_start": standing.allowed,
        "standing": str(standing),
        "next_url": page.get_url(request),
        "start_url": board.sub_url("discuss", args=[page.pk]),
    }
    topic = topic_about(page, user)
    if topic is None:
        return context
    if not topic.has_readable_post or not permissions.may_read_topic(request, board, topic):
        # Started, but its opening post waits for a moderator (or it is closed to them).
        context.update(waiting=True, may_start=False)
        return context
    topic_board = topic.board
    context.update(
        topic=topic,
        topic_url=topic_board.topic_url(topic, shown=topic.content_note and 1),
        reply_count=max(topic.post_count - 1, 0),
    )
    return context


# Starting a discussion ------------------------------------------------------------------


def start(board, author, page, **fields):
    """(topic, opening post): the topic about `page` on `board`, started by `author` with
    `fields` (title, body, content note, pseudonym), or (the existing topic, None) when
    someone started it first: the one-topic-per-page constraint decides a race."""
    about = source_copy(page)
    try:
        with transaction.atomic():
            post = posting.start_topic(board, author, about_page=about, **fields)
    except IntegrityError:
        return Topic.objects.filter(about_page=about).first(), None
    return post.topic, post


# When a discussed page is deleted --------------------------------------------------------


def keep_closed(page):
    """Before `page` is deleted: if it was members only or private (it or a page above it,
    in any language), or not live, its topic becomes members only, so it never becomes
    public."""
    topics = Topic.objects.filter(about_page_id=page.pk, members_only=False)
    if not topics.exists():
        return
    # The tree's closed areas alone: no one's request is asked about.
    if not access.is_live_now(page) or access.closed_areas(SimpleNamespace()).closes(page.path):
        topics.update(members_only=True)
