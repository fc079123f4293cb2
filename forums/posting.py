"""Posting in the forums: starting a topic, replying, editing, deleting, reacting, choosing
a pseudonym. The rules of who may are forums.permissions'; this is the work, done right.

Each change is one transaction. A topic's published-post count and latest activity change
with F() (`touch_topic`) or are worked out again from the posts (`Topic.recount`), never
read, changed and written back. A reply locks its topic's row first, so a moderator's lock
that lands while a member is typing still turns the reply away. Reactions are rows, one per
member, post and kind (a database constraint): a double click cannot count twice.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.conversations import ForumIdentity, Post, PostRevision, Reaction, Topic, touch_topic
from .models.moderation import ForumSettings
from .signals import post_published
from .watching import watch

LOCKED = _("This topic is locked, so no new replies can be added.")
PSEUDONYM_TAKEN = _("Someone else has that pseudonym. Try another.")
PSEUDONYM_SET = _("You already have a pseudonym, and it cannot be changed.")


class NotAllowed(Exception):
    """The change cannot be made: `message` says why, in plain words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def pseudonym_of(user):
    """The member's pseudonym, or "" when they have not chosen one."""
    if user is None or not user.is_authenticated:
        return ""
    found = ForumIdentity.objects.filter(member=user).values_list("pseudonym", flat=True)
    return found.first() or ""


def waits_for_approval(author):
    """Does a new post by `author` wait for a moderator? A member's first posts do (as many
    as the forum settings say) until enough of theirs have been published; moderators'
    never do."""
    if author.has_perm("core.moderate_forums"):
        return False
    needed = ForumSettings.current().posts_needing_approval
    if not needed:
        return False
    published = Post.objects.filter(author=author, status=Post.Status.PUBLISHED)
    return published[:needed].count() < needed


def announce(post):
    """Tell whoever listens (notifications) that others can now read `post`, once the
    transaction that published it has committed."""
    transaction.on_commit(lambda: post_published.send(sender=Post, post=post))


def _new_post(topic, author, *, body, content_note, as_pseudonym, in_reply_to, now):
    pending = waits_for_approval(author)
    post = Post.objects.create(
        topic=topic,
        author=author,
        body=body,
        content_note=content_note,
        as_pseudonym=bool(as_pseudonym and pseudonym_of(author)),
        in_reply_to=in_reply_to,
        status=Post.Status.PENDING if pending else Post.Status.PUBLISHED,
        created_at=now,
    )
    watch(author, topic)  # a writer hears about the replies to what they wrote
    if not pending:
        touch_topic(topic.pk, now)
        announce(post)
    return post


def start_topic(
    board, author, *, title, body, content_note="", as_pseudonym=False, about_page=None, now=None
):
    """A new topic on `board` with its opening post; the opening post.

    The content note belongs to the topic (readers see it before choosing to open the
    topic), so the opening post does not carry it a second time. `about_page` is the page
    a "Discuss this" topic discusses (forums.discussions; one topic per page, a database
    constraint: a second raises IntegrityError).
    """
    now = now or timezone.now()
    with transaction.atomic():
        topic = Topic.objects.create(
            board=board.topic_board(),
            title=title,
            content_note=content_note,
            created_at=now,
            last_activity_at=now,
            about_page=about_page,
        )
        return _new_post(
            topic,
            author,
            body=body,
            content_note="",
            as_pseudonym=as_pseudonym,
            in_reply_to=None,
            now=now,
        )


def reply(topic, author, *, body, content_note="", as_pseudonym=False, in_reply_to=None, now=None):
    """A reply in `topic` (answering `in_reply_to`, a post of the same topic, if given).

    Raises NotAllowed when the topic is locked by the time the reply is saved.
    """
    now = now or timezone.now()
    if in_reply_to is not None and in_reply_to.topic_id != topic.pk:
        in_reply_to = None
    with transaction.atomic():
        locked = (
            Topic.objects.select_for_update().filter(pk=topic.pk).values_list("locked", flat=True)
        )
        if locked.first() is not False:
            raise NotAllowed(LOCKED)
        return _new_post(
            topic,
            author,
            body=body,
            content_note=content_note,
            as_pseudonym=as_pseudonym,
            in_reply_to=in_reply_to,
            now=now,
        )


def is_opening(post):
    """Is `post` its topic's first (whatever has become of it since)?"""
    return not Post.objects.filter(topic_id=post.topic_id).before(post).exists()


def edit(post, *, body, content_note, title=None, opening=None, now=None):
    """The writer's new version of `post`; the one it replaces is kept (a PostRevision).

    The opening post's content note is its topic's, and its writer may change the topic's
    `title`. Returns False, keeping no revision, when nothing changed.
    """
    now = now or timezone.now()
    opening = is_opening(post) if opening is None else opening
    with transaction.atomic():
        current = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
        old_note = current.topic.content_note if opening else current.content_note
        if opening and title and title != current.topic.title:
            Topic.objects.filter(pk=current.topic_id).update(title=title)
            title_changed = True
        else:
            title_changed = False
        if current.body == body and old_note == content_note:
            if title_changed:
                post.topic.title = title
            return title_changed
        PostRevision.objects.create(
            post=current, body=current.body, content_note=old_note, replaced_at=now
        )
        current.body = body
        current.edited_at = now
        fields = ["body", "edited_at"]
        if opening:
            Topic.objects.filter(pk=current.topic_id).update(content_note=content_note)
        else:
            current.content_note = content_note
            fields.append("content_note")
        current.save(update_fields=fields)
    post.refresh_from_db()
    return True


def delete(post, now=None):
    """The writer's delete: the post stays in its place as "deleted by its writer", without
    its text on any page; the topic's count and latest activity follow."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = Post.objects.filter(
            pk=post.pk, status__in=[Post.Status.PUBLISHED, Post.Status.PENDING]
        ).update(status=Post.Status.DELETED, deleted_at=now)
        if changed:
            Topic(pk=post.topic_id).recount()
    post.refresh_from_db()
    return bool(changed)


def toggle_reaction(post, member, kind):
    """Add `member`'s reaction of `kind` to `post`, or take it back; True if it is now on."""
    with transaction.atomic():
        removed, _rows = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, member=member, kind=kind)
        except IntegrityError:
            # The same click, twice at once: the other request made the row.
            pass
        return True


def choose_pseudonym(member, pseudonym):
    """Give `member` their pseudonym, once. Raises NotAllowed if they have one, or someone
    else has this one (the database's unique constraint decides a race)."""
    if ForumIdentity.objects.filter(member=member).exists():
        raise NotAllowed(PSEUDONYM_SET)
    if ForumIdentity.objects.filter(pseudonym__iexact=pseudonym).exists():
        raise NotAllowed(PSEUDONYM_TAKEN)
    try:
        with transaction.atomic():
            return ForumIdentity.objects.create(member=member, pseudonym=pseudonym)
    except IntegrityError:
        if ForumIdentity.objects.filter(member=member).exists():
            raise NotAllowed(PSEUDONYM_SET) from None
        raise NotAllowed(PSEUDONYM_TAKEN) from None


def remove_all_by(member, now=None):
    """Remove everything `member` wrote (they asked, when deleting their account): each post
    keeps its place as "deleted by its writer" without its text; a topic they started that
    nobody else wrote in goes altogether, and one others answered loses its title."""
    now = now or timezone.now()
    with transaction.atomic():
        opened = [
            topic
            for topic in Topic.objects.filter(posts__author=member).distinct()
            if (first := topic.opening_post()) is not None and first.author_id == member.pk
        ]
        for topic in opened:
            if not topic.posts.exclude(author=member).exists():
                topic.delete()
            else:
                Topic.objects.filter(pk=topic.pk).update(
                    title=str(_("A topic removed by its writer")), content_note=""
                )
        posts = Post.objects.filter(author=member)
        touched = set(posts.values_list("topic_id", flat=True))
        PostRevision.objects.filter(post__in=posts).delete()
        posts.update(
            body="", body_html="", content_note="", status=Post.Status.DELETED, deleted_at=now
        )
        for topic_id in touched:
            Topic(pk=topic_id).recount()
