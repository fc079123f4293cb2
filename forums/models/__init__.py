"""The forums' models: the pages (forums.models.pages), what members write in them
(forums.models.conversations), keeping them safe (forums.models.moderation) and what each
member follows, mutes and has read (forums.models.following)."""

from .conversations import ForumIdentity, Post, PostRevision, Reaction, Topic, touch_topic
from .following import (
    DigestSent,
    Draft,
    Mute,
    Notification,
    NotificationPreference,
    TopicVisit,
    Watch,
)
from .moderation import ForumSettings, ModerationMessage, PostingPause, Report
from .pages import BoardPage, ForumIndexPage

__all__ = [
    "BoardPage",
    "DigestSent",
    "Draft",
    "ForumIdentity",
    "ForumIndexPage",
    "ForumSettings",
    "ModerationMessage",
    "Mute",
    "Notification",
    "NotificationPreference",
    "Post",
    "PostRevision",
    "PostingPause",
    "Reaction",
    "Report",
    "Topic",
    "TopicVisit",
    "Watch",
    "touch_topic",
]
