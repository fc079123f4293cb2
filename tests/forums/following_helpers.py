"""Helpers for the notification, digest, watching and unsubscribe tests: posting as members
do (with the on-commit signal that notifications listen to), and reading the outbox."""

from django.core import mail

from wagtail.models import PageViewRestriction

import pytest

from forums import posting
from forums.models import ForumIdentity, NotificationPreference


@pytest.fixture(name="publish")
def publishing(django_capture_on_commit_callbacks):
    """publish.topic(board, author, ...) and publish.reply(topic, author, ...): posting's own
    functions, with the transaction's on-commit callbacks (post_published) run."""

    class Publish:
        @staticmethod
        def topic(board, author, *, title="A topic", body="The opening post.", **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return posting.start_topic(board, author, title=title, body=body, **kwargs)

        @staticmethod
        def reply(topic, author, *, body="A reply.", **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return posting.reply(topic, author, body=body, **kwargs)

    return Publish()


def prefer(member, **fields):
    NotificationPreference.objects.update_or_create(member=member, defaults=fields)
    return NotificationPreference.objects.get(member=member)


def pseudonym(member, name):
    return ForumIdentity.objects.create(member=member, pseudonym=name)


def make_private(page, password="open sesame"):
    """Wagtail's Privacy on `page`: a shared password nobody here has typed."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def emails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def html_of(message):
    return next(content for content, kind in message.alternatives if kind == "text/html")
