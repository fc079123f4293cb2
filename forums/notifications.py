"""Notifications: who hears about a new post, and how (the work is forums.tasks').

When a post becomes readable (`forums.signals.post_published`, sent once the transaction
has committed), the receiver here only queues `forums.tasks.notify_readers`: working out
who hears (forums.audience) and every email happen in the background, never on the request
that published the post. What a member watches and mutes is forums.watching's.
"""

from django.dispatch import receiver

from . import tasks
from .signals import post_published


@receiver(post_published, dispatch_uid="forums.notifications.post_published")
def post_was_published(sender, post, **kwargs):
    tasks.notify_readers.enqueue(post.pk)
