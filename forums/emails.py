"""Forum emails: one notification straight away, or a day's notifications in a digest.

Templates are `forums/emails/{notification,digest,private}_{subject,message}.txt` and
`_message.html`. What an email may say:

- Writers are named as the forums show them (`Post.shown_author`): a pseudonym stays one.
- A post or topic with a content note: the note, never the text (the reader opens it on
  the site when they are ready).
- Private email (the member's choice): a neutral subject, and a message with a count and a
  link only: no topic titles, no names, no post text.

Every email has a one-click unsubscribe link, in the message and in `List-Unsubscribe`
(with `List-Unsubscribe-Post`, RFC 8058), which works without signing in.
"""

from django.urls import reverse

from core.emails import absolute_url, send_templated_email

from . import markdown

#: How much of a post's text an email shows (its plain text, cut after a whole word).
EXCERPT_LENGTH = 500


def unsubscribe_url(preference):
    return absolute_url(reverse("forums_email:unsubscribe", args=[preference.unsubscribe_token]))


def unsubscribe_headers(preference):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(preference)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def forum_links(board):
    """The forums' index and the member's email settings, as full addresses."""
    forums = board.get_parent().specific
    forums_url = forums.url or ""
    return {
        "forums_url": absolute_url(forums_url),
        "preferences_url": absolute_url(forums_url + forums.reverse_subpage("notifications")),
    }


def item(notification):
    """What an email says about one notification (not used in private email)."""
    post = notification.post
    topic = post.topic
    board = topic.board
    note = post.content_note or topic.content_note
    return {
        "reason": notification.reason,
        "writer": post.shown_author(),
        "topic": topic.title,
        "board": board.title,
        "note": note,
        "excerpt": "" if note else markdown.excerpt(post.body_html, EXCERPT_LENGTH),
        "url": absolute_url(board.post_location(post, notification.member)),
    }


def _send(kind, member, preference, context):
    context = {
        "first_name": member.first_name,
        "private": preference.private_email,
        "unsubscribe_url": unsubscribe_url(preference),
        **context,
    }
    prefix = "private" if preference.private_email else kind
    return send_templated_email(
        f"forums/emails/{prefix}",
        member.email,
        context,
        headers=unsubscribe_headers(preference),
    )


def send_notification(notification, preference):
    """Email one notification to its member; True if queued."""
    member = notification.member
    context = {**forum_links(notification.post.topic.board), "count": 1, "digest": False}
    if not preference.private_email:
        context["item"] = item(notification)
    return _send("notification", member, preference, context)


def send_digest(member, notifications, total, preference):
    """Email `member` their digest: `notifications` listed (`total` in all); True if queued."""
    context = {
        **forum_links(notifications[0].post.topic.board),
        "count": total,
        "more": total - len(notifications),
        "digest": True,
    }
    if not preference.private_email:
        context["items"] = [item(notification) for notification in notifications]
    return _send("digest", member, preference, context)
