"""What members write in the forums: topics, posts and their earlier versions, reactions,
pseudonyms (the pages that hold them are in forums.models.pages).

Who may see what is in these querysets (`visible_to`, `listed_for`) and in
`forums.permissions`; every view, listing, count, email and search asks them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import access

from .. import markdown
from .following import TopicVisit


class ForumIdentity(models.Model):
    """A member's pseudonym, set once. Other members see it on the posts written under it;
    moderators can look up whose it is (and that look-up is logged)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_identity",
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=30, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forum pseudonym")

    def __str__(self):
        return self.pseudonym


class TopicQuerySet(models.QuerySet):
    def for_board(self, board):
        return self.filter(board=board.topic_board())

    def in_board_order(self):
        """Pinned first, then the latest activity first."""
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def visible_to(self, user):
        """Topics with at least one post the person may read (a topic whose only post is
        someone else's, waiting for approval, is not there for them at all)."""
        readable = Post.objects.visible_to(user).filter(topic=OuterRef("pk"))
        return self.filter(Exists(readable))

    def with_opening_post_id(self):
        """Each topic's first post's id as `opening_post_id` (in the topics' own query)."""
        first = Post.objects.filter(topic=OuterRef("pk")).order_by("created_at", "pk")
        return self.annotate(opening_post_id=Subquery(first.values("pk")[:1]))

    def with_seen_by(self, user):
        """Each topic's `seen_at`: when `user` last read it (None: never, or a visitor)."""
        if user is None or not user.is_authenticated:
            return self.annotate(seen_at=models.Value(None, output_field=models.DateTimeField()))
        seen = TopicVisit.objects.filter(topic=OuterRef("pk"), member=user).values("seen_at")
        return self.annotate(seen_at=Subquery(seen[:1]))

    def counted(self):
        """Topics that count on the forums' index: those with a published post."""
        return self.filter(post_count__gt=0)


class Topic(models.Model):
    board = models.ForeignKey(
        "forums.BoardPage",
        verbose_name=_("board"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=markdown.MAX_TITLE_LENGTH)
    content_note = models.CharField(
        _("content note"),
        max_length=200,
        blank=True,
        help_text=_(
            "Difficult subjects it covers. Readers see this first, and choose whether to open it."
        ),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("latest activity"), default=timezone.now)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    # Published posts, opening post included; kept with F() on every change.
    post_count = models.PositiveIntegerField(default=0, editable=False)
    # "Discuss this": the resource or webinar page this topic discusses (one topic each).
    # Who may read the topic is the stricter of its board and that page.
    about_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("discusses"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topic",
    )
    # Set when the page it discussed, members only, is deleted: the topic stays members only.
    members_only = models.BooleanField(_("members only"), default=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [models.Index(fields=["board", "-pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def opening_post(self):
        return self.posts.order_by("created_at", "pk").first()

    def recount(self):
        """Set `post_count` and `last_activity_at` from the published posts, in one UPDATE
        (after a post is hidden, restored or deleted)."""
        published = Post.objects.filter(topic_id=self.pk, status=Post.Status.PUBLISHED)
        latest = published.order_by("-created_at").values("created_at")[:1]
        Topic.objects.filter(pk=self.pk).update(
            post_count=Coalesce(
                Subquery(published.order_by().values("topic").annotate(n=Count("pk")).values("n")),
                0,
            ),
            last_activity_at=Coalesce(Subquery(latest), F("created_at")),
        )


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Post.Status.PUBLISHED)

    def visible_to(self, user):
        """Published posts, and the person's own posts waiting for approval (marked so).
        Only these may be read, quoted, replied to or counted for the person."""
        if user is not None and user.is_authenticated:
            return self.filter(
                Q(status=Post.Status.PUBLISHED) | Q(status=Post.Status.PENDING, author=user)
            )
        return self.published()

    def listed_for(self, user):
        """The posts a topic page lists for the person: those they may read, and hidden or
        deleted ones as placeholders (without their text) so the conversation still reads."""
        gone = Q(status__in=Post.GONE)
        readable = Q(status=Post.Status.PUBLISHED)
        if user is not None and user.is_authenticated:
            readable |= Q(status=Post.Status.PENDING, author=user)
        return self.filter(readable | gone)

    def for_reading(self):
        """With what a topic page shows of each post: its writer (and pseudonym), and the
        writer of the post it answers."""
        return self.select_related("author__forum_identity", "in_reply_to__author__forum_identity")

    def before(self, post):
        """Posts that come before `post` in its topic's order."""
        return self.filter(
            Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
        )


class Post(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("post status", "Published")
        PENDING = "pending", _("Waiting for approval")
        HIDDEN = "hidden", _("Hidden by a moderator")
        HELD = "held", _("Held for review after reports")
        DELETED = "deleted", _("Deleted by its writer")

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    # Empty once the writer's account is erased: the post stays, by "a former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("writer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    as_pseudonym = models.BooleanField(_("posted under a pseudonym"), default=False)
    body = models.TextField(_("post"), max_length=markdown.MAX_BODY_LENGTH)
    # Rendered once, on save, by forums.markdown (Markdown without HTML, then nh3).
    body_html = models.TextField(editable=False)
    content_note = models.CharField(_("content note"), max_length=200, blank=True)
    in_reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # A moderator's last decision on the post, and the kind words the writer was sent.
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderation_message = models.TextField(_("message to the writer"), blank=True)

    objects = PostQuerySet.as_manager()

    #: Listed in their place, without their text or writer.
    GONE = (Status.HIDDEN, Status.HELD, Status.DELETED)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["topic", "status", "created_at"])]

    def __str__(self):
        return markdown.excerpt(self.body_html, 60)

    def save(self, *args, **kwargs):
        self.body = markdown.clean_text(self.body)
        self.body_html = markdown.render(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def shown_author(self):
        """The name other members see: the pseudonym, the member's name, or "a former
        member" once the account is gone. To anyone who is not an approved member (a
        visitor reading a public board), a member's real name is "a member": names are
        for the community (`hide_names_from`)."""
        if self.author_id is None:
            return str(_("A former member"))
        if self.as_pseudonym:
            identity = getattr(self.author, "forum_identity", None)
            if identity is not None:
                return identity.pseudonym
        if self.__dict__.get("names_hidden"):
            return str(_("A member"))
        return self.author.get_full_name() or str(_("A member"))

    def is_readable_by(self, user):
        """The one post's answer to PostQuerySet.visible_to: published, or the person's own
        waiting for approval."""
        if self.status == Post.Status.PUBLISHED:
            return True
        return self.is_pending and user.is_authenticated and self.author_id == user.pk

    @property
    def under_pseudonym(self):
        """Is the name shown a pseudonym (so the page can say it is not a real name)?"""
        if self.author_id is None or not self.as_pseudonym:
            return False
        return getattr(self.author, "forum_identity", None) is not None

    @property
    def is_gone(self):
        """Hidden by a moderator or deleted by its writer: listed without its text."""
        return self.status in Post.GONE

    @property
    def is_pending(self):
        return self.status == Post.Status.PENDING

    def quoted(self):
        """The body as a Markdown quote (`> ` before every line), for a reply to start from."""
        lines = self.body.split("\n")
        return "\n".join(f"> {line}" if line.strip() else ">" for line in lines) + "\n\n"


class PostRevision(models.Model):
    """An earlier version of a post, kept when its writer edits it (moderators can read it)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("earlier version"))
    content_note = models.CharField(_("content note"), max_length=200, blank=True)
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        verbose_name = _("earlier version of a post")
        ordering = ["-replaced_at", "-pk"]


class ReactionQuerySet(models.QuerySet):
    def tally(self, post_ids, user):
        """{post id: {kind: (count, reacted by the person)}} for `post_ids`, in one query,
        counted from the rows."""
        member = user.pk if user is not None and user.is_authenticated else None
        rows = (
            self.filter(post_id__in=post_ids)
            .order_by()
            .values("post_id", "kind")
            .annotate(n=Count("pk"), mine=Count("pk", filter=Q(member_id=member)))
        )
        found = {}
        for row in rows:
            found.setdefault(row["post_id"], {})[row["kind"]] = (row["n"], bool(row["mine"]))
        return found


class Reaction(models.Model):
    """One member's reaction of one kind to one post (rows, counted: never read-modify-write)."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", _("Thank you")
        HELPFUL = "helpful", _("Helpful")
        SUPPORT = "support", _("Sending support")
        AGREE = "agree", _("I agree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "member", "kind"], name="forums_one_reaction_of_a_kind"
            )
        ]


def touch_topic(topic_id, when, *, posts=1):
    """One published post more (or fewer): counted with F(), never read-modify-write."""
    updates = {"post_count": F("post_count") + posts}
    if posts > 0:
        updates["last_activity_at"] = when
    Topic.objects.filter(pk=topic_id).update(**updates)


def hide_names_from(user, posts):
    """Mark `posts` so their writers' real names are not shown to `user`, unless `user` is
    an approved member (pseudonyms and "a former member" are shown to everyone)."""
    if access.member_verdict(user).allowed:
        return
    for post in posts:
        if post is not None:
            post.names_hidden = True
