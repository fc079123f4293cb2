"""The forums' models: the pages (forums.models.pages) and what members write in them
(forums.models.conversations)."""

from .conversations import ForumIdentity, Post, PostRevision, Reaction, Topic, touch_topic
from .pages import BoardPage, ForumIndexPage

__all__ = [
    "BoardPage",
    "ForumIdentity",
    "ForumIndexPage",
    "Post",
    "PostRevision",
    "Reaction",
    "Topic",
    "touch_topic",
]
