"""Replies and topics a member saves to post later ("Save and post later"), kept on the
server: one for each topic they are replying to, and one new topic for each board.

A draft is kept as typed (cleaned of control characters, cut to the form's limits), without
checking it is ready to post; it comes back in the form when the member returns, and goes
once they post it or throw it away.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import markdown
from .models.following import Draft

#: How much of each field a draft keeps (a little over the posting limits, so nothing typed
#: is cut off before the member has seen the form's own message about the limit).
KEEP = {"title": 300, "body": markdown.MAX_BODY_LENGTH * 2, "content_note": 300}


def _where(member, board, topic):
    return {"member": member, "board": board.topic_board(), "topic": topic}


def find(member, board, topic=None):
    """The member's draft for `topic` (or their new topic on `board`), or None."""
    if not member.is_authenticated:
        return None
    return Draft.objects.filter(**_where(member, board, topic)).first()


def save(member, board, data, topic=None, in_reply_to=None):
    """Keep what the member typed (`data`: the form's POST) as their draft; the draft (None
    when the form was empty, and any earlier draft is gone)."""
    fields = {
        "title": markdown.clean_title(data.get("title", ""))[: KEEP["title"]],
        "body": markdown.clean_text(data.get("body", ""))[: KEEP["body"]],
        "content_note": markdown.clean_title(data.get("content_note", ""))[: KEEP["content_note"]],
        "in_reply_to": in_reply_to,
        "updated_at": timezone.now(),
    }
    where = _where(member, board, topic)
    if not (fields["title"] or fields["body"] or fields["content_note"]):
        # Everything was cleared: there is nothing to keep.
        Draft.objects.filter(**where).delete()
        return None
    for _attempt in range(2):
        try:
            with transaction.atomic():
                draft, _created = Draft.objects.update_or_create(**where, defaults=fields)
                return draft
        except IntegrityError:
            # The same draft saved twice at once: the other request made the row.
            continue
    return Draft.objects.get(**where)


def discard(member, board, topic=None):
    Draft.objects.filter(**_where(member, board, topic)).delete()


def initial(draft):
    """A form's starting values from a draft."""
    if draft is None:
        return {}
    values = {"body": draft.body, "content_note": draft.content_note}
    if draft.title:
        values["title"] = draft.title
    if draft.in_reply_to_id:
        values["in_reply_to"] = draft.in_reply_to_id
    return values
