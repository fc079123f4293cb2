"""Admin registration for the forums: the Community impact figures."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from core.reports import IMPACT_FIGURES_HOOK, Figure

from .models import Post, Topic


@hooks.register(IMPACT_FIGURES_HOOK)
def forum_impact_figures():
    """Topics and posts members can read (published), and how many members wrote them."""
    published = Post.objects.published()
    totals = published.aggregate(posts=Count("pk"), writers=Count("author", distinct=True))
    topics = Topic.objects.filter(posts__status=Post.Status.PUBLISHED).distinct().count()
    return [
        Figure(
            key="forum_topics",
            label=_("Forum topics"),
            value=topics,
            help_text=_("Topics with at least one published post."),
            order=80,
        ),
        Figure(
            key="forum_posts",
            label=_("Forum posts"),
            value=totals["posts"],
            help_text=_("Published posts, opening posts included."),
            order=82,
        ),
        Figure(
            key="members_who_posted",
            label=_("Members who posted"),
            value=totals["writers"],
            help_text=_(
                "Members with at least one published post. Former members whose accounts "
                "were deleted are not counted."
            ),
            order=84,
        ),
    ]
