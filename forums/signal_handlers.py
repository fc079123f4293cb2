"""The forums' part of a member's data download and erasure."""

from core.personal_data import erases, exports

from .models import ForumIdentity, Post, PostRevision, Reaction


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


@erases("forums.Post.author", "forums.Reaction.member", "forums.ForumIdentity.member")
def forget_forum_member(sender, user, **kwargs):
    """Posts stay, by "a former member", with nothing that leads back to the writer: the
    link to the account goes, and with the pseudonym gone nobody can trace one to them.
    Earlier versions of their posts go too. Reactions are removed."""
    posts = Post.objects.filter(author=user)
    PostRevision.objects.filter(post__in=posts).delete()
    posts.update(author=None, as_pseudonym=False)
    Reaction.objects.filter(member=user).delete()
    ForumIdentity.objects.filter(member=user).delete()
