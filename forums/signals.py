"""The forums' own signal: a post others can now read.

`post_published` is sent (with `post`, after the transaction commits) when a post becomes
readable by other members: posted straight away, or approved by a moderator. Notifications
listen to it; nothing else needs to know how a post came to be published.
"""

from django.dispatch import Signal

post_published = Signal()
