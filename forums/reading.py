"""Where each member has read up to: a topic with activity since they last read it is
unread, and one started since they joined that they have never opened is new."""

from django.utils import timezone

from .models.following import TopicVisit


def record_visit(user, topic, now=None):
    """`user` has read `topic` now (one upsert; nothing for a visitor)."""
    if not user.is_authenticated:
        return
    TopicVisit.objects.bulk_create(
        [TopicVisit(member=user, topic=topic, seen_at=now or timezone.now())],
        update_conflicts=True,
        unique_fields=["member", "topic"],
        update_fields=["seen_at"],
    )


def mark(topics, user):
    """Set `topic.unread` ("new", "unread" or "") on topics annotated `with_seen_by(user)`."""
    joined = user.date_joined if user.is_authenticated else None
    for topic in topics:
        topic.unread = ""
        if joined is None:
            continue
        if topic.seen_at is None:
            if topic.created_at > joined:
                topic.unread = "new"
        elif topic.last_activity_at > topic.seen_at:
            topic.unread = "unread"
