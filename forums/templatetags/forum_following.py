"""Template tags for watching and forum emails: `{% watching page topic as following %}`
(a member's watching state and the route to change it) and `{% forum_email_settings_url %}`
(where a member chooses their forum emails)."""

from django import template

from core import access
from forums import watching as following
from forums.models import ForumIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def watching(context, page, topic=None):
    """For an approved member: {"watching": bool, "url": the route's address} for `topic`
    on the board `page`, or for the board itself; None for anyone else (no button shown).
    One query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not access.is_approved_member(user):
        return None
    if topic is not None:
        return {
            "watching": following.is_watching(user, topic=topic),
            "url": page.sub_url("watch_topic", args=[topic.pk]),
        }
    return {
        "watching": following.is_watching(user, board=page.topic_board()),
        "url": page.sub_url("watch_board"),
    }


@register.simple_tag
def forum_email_settings_url(page=None):
    """`notifications/` on the forums index (`page`, or the site's live one), or "" when
    there are no forums."""
    forums = page if isinstance(page, ForumIndexPage) else ForumIndexPage.objects.live().first()
    if forums is None or not forums.url:
        return ""
    return forums.url + forums.reverse_subpage("notifications")
